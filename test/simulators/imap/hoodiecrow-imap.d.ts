// hoodiecrow-imap ships no types; this is the part the reply mailbox simulator uses.
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowOptions {
    plugins?: string[];
    storage?: Record<string, unknown>;
    users?: Record<string, { password: string }>;
  }

  interface HoodiecrowMessage {
    uid: number;
    flags: string[];
    raw: string;
  }

  interface HoodiecrowServer {
    server: Server;
    listen(port: number, host: string, callback: () => void): void;
    close(callback: () => void): void;
    appendMessage(mailbox: string, flags: string[], internaldate: Date, raw: string): void;
    getMailbox(path: string): { messages: HoodiecrowMessage[] } | undefined;
  }

  function hoodiecrow(options: HoodiecrowOptions): HoodiecrowServer;
  export = hoodiecrow;
}
