/** The browser tab's icon: a white tick on the product blue, 32×32 PNG inside an ICO. */
export const FAVICON_ICO = Buffer.from(
  [
    'AAABAAEAICAAAAEAIADSAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAJlJREFUeNrtl0sOgDAIBbmI',
    'Z/Jsnljjoi6q6IPyM/qSbplJ01AgYjLNy2p5CIk1VCQTBb+UiIafJL4tkAU/JLwBe1IE+qQLcBKUCXcR4BIiIIWbCmjgkABSRAt/',
    'FEALauG3AmjREbj4BvriI1evFmgACzj8CNG4fUZecFEf8ICLG5E1/H0Cku5YZiIqPRf+Y3md1azEcpq1nm+4TXFZTY0W0QAAAABJ',
    'RU5ErkJggg==',
  ].join(''),
  'base64',
);
