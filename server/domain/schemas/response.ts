// How a commissioner's position reads on the page. The response form itself is
// `responseSchema` in ./accountability (position, reasons, summary and the promised actions).
export const positionLabels = {
  accept: "Accept",
  accept_in_part: "Accept in part",
  decline: "Decline",
} as const;
