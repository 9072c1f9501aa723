import { redirect } from "@remix-run/node";

// There is no admin dashboard yet: people are the first thing an admin looks after, and that
// page checks who is asking.
export async function loader() {
  return redirect("/admin/people");
}
