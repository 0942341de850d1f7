/** An email the jobs ask the mailer to send. */
export interface Email {
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly template: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Sends email through your provider (Resend, Postmark, SES). */
export interface Mailer {
  send(email: Email): Promise<{ readonly messageId: string }>;
}

/**
 * Stands in for your email provider: replace `send` with the provider's call.
 * It logs only the template, never the address or the data.
 */
export const mailer: Mailer = {
  async send(email: Email): Promise<{ readonly messageId: string }> {
    console.info(`[mailer] would send the "${email.template}" email`);
    return { messageId: `dev-${crypto.randomUUID()}` };
  },
};
