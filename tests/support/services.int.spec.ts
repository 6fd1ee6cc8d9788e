import { Client } from 'pg';
import { createTestSchema, describeWithPostgres } from './services';

describeWithPostgres('test support: a schema per test file', () => {
  it('creates an isolated schema that connections use by default, and drops it', async () => {
    const schema = await createTestSchema('support');
    const client = new Client({ connectionString: schema.url });
    await client.connect();
    const { rows } = await client.query('SELECT current_schema() AS s');
    expect(rows[0].s).toBe(schema.schema);
    await client.end();
    await schema.drop();
    const admin = new Client({ connectionString: schema.url.split('?')[0] });
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema.schema]);
    expect(found.rowCount).toBe(0);
    await admin.end();
  });
});
