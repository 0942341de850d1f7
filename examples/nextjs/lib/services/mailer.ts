/** An email the jobs ask the mailer to send. */
export interface Email {
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly template: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * Stands in for your email provider (Resend, Postmark, SES): replace `send` with the provider's call.
 * It logs only the template, never the address or the data.
 */
export const mailer = {
  async send(email: Email): Promise<{ readonly messageId: string }> {
    console.info(`[mailer] would send the "${email.template}" email`);
    return { messageId: `dev-${crypto.randomUUID()}` };
  },
};
