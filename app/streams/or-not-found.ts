import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";

/** Awaits a stream page's read; the library's "not_found" becomes Next's 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
