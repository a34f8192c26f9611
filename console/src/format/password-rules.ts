/**
 * The password rules the console checks before sending (the gateway checks them again
 * and has the last word: src/control-plane/password-policy.ts).
 */
export const minimumPasswordLength = 12;

export const passwordHint = `At least ${minimumPasswordLength} characters. A few unrelated words make a good one.`;

export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < minimumPasswordLength) {
    return `Use at least ${minimumPasswordLength} characters (this one has ${password.length}).`;
  }
  if (email !== '' && password.toLowerCase().includes(email.trim().toLowerCase())) {
    return 'The password must not contain your e-mail address.';
  }
  return undefined;
}

/** What is wrong with a new password and its repetition, by field (`password`, `confirmation`). */
export function newPasswordProblems(
  password: string,
  confirmation: string,
  email: string,
): Record<string, string> {
  const weak = passwordProblem(password, email);
  if (weak !== undefined) return { password: weak };
  if (confirmation !== password) return { confirmation: 'The two passwords are not the same.' };
  return {};
}
