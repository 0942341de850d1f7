import { userCreated } from "@jobkit/events/standard";
import { events } from "../../../lib/inngest/client";

// The form takes the event's own rules for these fields, so the form and the catalog cannot drift apart.
const signupForm = userCreated.schema.pick({ email: true, name: true }).strict();

/**
 * `POST /api/signup` with `{ "email": "…", "name"?: "…" }`: creates the user, then sends `user/created`
 * and answers 202 with the user and event ids. Invalid input gets a 400 naming the fields; nothing is sent.
 */
export async function POST(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "The body must be JSON: { email, name? }" }, { status: 400 });
  }
  const form = signupForm.safeParse(body);
  if (!form.success) {
    // Field paths and messages only: the values are personal data and stay out of responses and logs.
    const issues = form.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return Response.json({ error: "Invalid signup", issues }, { status: 400 });
  }

  // Your database insert goes here; the event goes out once the user exists.
  const userId = `usr_${crypto.randomUUID()}`;
  // The id is the user's, so if this send is repeated for the same user, Inngest drops the duplicate.
  const { ids } = await events.send(
    "user/created",
    { userId, ...form.data, source: "web" },
    { id: `user-created-${userId}` },
  );
  return Response.json({ userId, eventId: ids[0] }, { status: 202 });
}
