import { instructionKey } from './instruction-key';

describe('marketing instruction outbox key', () => {
  it('is one per case, system and processor, whatever the name’s case or spacing, and safe for BullMQ job ids', () => {
    const key = instructionKey('case-1', 'hubspot', 'SMS-porten: Norge AS');
    expect(key).not.toContain(':');
    expect(instructionKey('case-1', 'hubspot', ' sms-porten: norge as ')).toBe(key);
    expect(instructionKey('case-1', 'hubspot', 'Trykk og Post AS')).not.toBe(key);
    expect(instructionKey('case-2', 'hubspot', 'SMS-porten: Norge AS')).not.toBe(key);
    expect(instructionKey('case-1', 'club', 'SMS-porten: Norge AS')).not.toBe(key);
  });
});
