import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

export async function loader({ context }: LoaderFunctionArgs) {
  return json(await context.services.read.home());
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Home</h1>
      <p>{data.openForSeconding.length} open</p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Home" }];
