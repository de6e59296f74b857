import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  checkField, checkProjectNumber, checkRoleArn, EXTERNAL_KEY_FORMS, EXTERNAL_STORAGE_FORMS, externalKeyBody, externalStorageBody,
} from '../../../src/model/externalForms';
import { openApiPath } from '../api/helpers/openapi';

interface SchemaDoc { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { pattern?: string; enum?: string[] }>; oneOf?: Array<{ $ref: string }> }> } }
const schemas = (parse(readFileSync(openApiPath(), 'utf8')) as SchemaDoc).components.schemas;
const refName = (ref: string) => ref.split('/').pop()!;
/** The provider variants of a oneOf body: type → the variant's schema. */
function variants(oneOf: Array<{ $ref: string }>) {
  return new Map(oneOf.map((v) => {
    const schema = schemas[refName(v.$ref)];
    return [schema.properties!.type.enum![0], schema] as const;
  }));
}

describe('external key and storage forms', () => {
  it('each external key form asks exactly what the spec requires for its provider (besides type and name)', () => {
    const byType = variants(schemas.CreateExternalKeyBody.oneOf!);
    assert.deepEqual(EXTERNAL_KEY_FORMS.map((f) => f.type).sort(), [...byType.keys()].sort());
    for (const form of EXTERNAL_KEY_FORMS) {
      const required = byType.get(form.type)!.required!.filter((k) => k !== 'type' && k !== 'name');
      assert.deepEqual(form.fields.map((f) => f.key).sort(), [...required].sort(), form.type);
    }
  });

  it('each external storage form asks exactly what the spec requires for its provider', () => {
    const providerOneOf = (schemas.CreateExternalStorageBody.properties!.provider as { oneOf: Array<{ $ref: string }> }).oneOf;
    const byType = variants(providerOneOf);
    assert.deepEqual(EXTERNAL_STORAGE_FORMS.map((f) => f.type).sort(), [...byType.keys()].sort());
    for (const form of EXTERNAL_STORAGE_FORMS) {
      const required = byType.get(form.type)!.required!.filter((k) => k !== 'type');
      assert.deepEqual(form.fields.map((f) => f.key).sort(), [...required].sort(), form.type);
    }
    assert.deepEqual(schemas.CreateExternalStorageBody.required, ['project_id', 'provider']);
  });

  it('checks the two patterns the spec gives, accepting and refusing what the spec does', () => {
    const rolePattern = new RegExp(schemas.CreateAwsExternalKeyBody.properties!.role_arn.pattern!);
    const numberPattern = new RegExp(schemas.CreateGcpExternalKeyBody.properties!.workload_identity_project_number.pattern!);
    for (const arn of ['arn:aws:iam::123456789012:role/openai-kms', 'arn:aws:iam::123456789012:role/path/x', 'arn:aws:iam::12345678901:role/x',
      'arn:aws:kms:us-east-1:123456789012:key/abc', 'arn:aws:iam::123456789012:role/']) {
      assert.equal(checkRoleArn(arn) === undefined, rolePattern.test(arn), arn);
    }
    for (const n of ['123456789012', '1', '1234567890123456789', '12345678901234567890', 'my-project', '']) {
      assert.equal(checkProjectNumber(n) === undefined, numberPattern.test(n), n);
    }
  });

  it('refuses empty values and values with spaces, naming the field', () => {
    const aws = EXTERNAL_KEY_FORMS.find((f) => f.type === 'aws')!;
    const role = aws.fields.find((f) => f.key === 'role_arn')!;
    assert.match(checkField(role, '  ') ?? '', /^IAM role ARN is required/);
    assert.match(checkField(role, 'arn:aws:iam::123456789012:role/a b') ?? '', /cannot contain spaces/);
    assert.match(checkField(role, 'arn:aws:iam::1:role/x') ?? '', /12-digit/);
    assert.equal(checkField(role, ' arn:aws:iam::123456789012:role/x '), undefined);
  });

  it('builds the request bodies, trimmed, and refuses incomplete answers', () => {
    assert.deepEqual(externalKeyBody('azure', ' Vault key ', { tenant_id: 't', vault_uri: 'https://v.vault.azure.net/', key_name: ' k ' }),
      { type: 'azure', name: 'Vault key', tenant_id: 't', vault_uri: 'https://v.vault.azure.net/', key_name: 'k' });
    assert.deepEqual(externalStorageBody('oci', 'proj_1', { bucket: 'b', region: 'us-ashburn-1', tenancy_ocid: 'ocid1.tenancy.oc1..x' }),
      { project_id: 'proj_1', provider: { type: 'oci', bucket: 'b', region: 'us-ashburn-1', tenancy_ocid: 'ocid1.tenancy.oc1..x' } });
    assert.throws(() => externalKeyBody('aws', 'k', { kms_arn: 'x', role_arn: 'bad', external_id: 'org' }), /12-digit/);
    assert.throws(() => externalKeyBody('oci', ' ', { region: 'r', vault_ocid: 'v', key_ocid: 'k' }), /name is required/);
    assert.throws(() => externalStorageBody('aws', 'proj_1', { bucket: 'b' }), /IAM role ARN is required/);
  });
});
