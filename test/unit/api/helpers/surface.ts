import { operationIdOf, type OperationId } from '../../../../src/api';

/** Every client method, by dotted name ("projectUsers.roles.assign"), with the operationId it calls. */
export function clientMethods(client: object): Map<string, OperationId> {
  const out = new Map<string, OperationId>();
  const walk = (node: object, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      const op = operationIdOf(value);
      if (op) out.set(`${prefix}${name}`, op);
      else if (value && typeof value === 'object') walk(value, `${prefix}${name}.`);
    }
  };
  walk(client, '');
  return out;
}
