// Text from manifests written to the log must not be read as workflow commands (`::set-output`, …).
export function escapeWorkflowCommand(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
      .replace(/::/g, ':\u200B:')
      .replace(/\r?\n/g, ' ')
  );
}
