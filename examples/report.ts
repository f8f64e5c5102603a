import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

// What `cdk8s synth` produced: every file in examples/dist and the policies in it.
const dist = path.join(__dirname, 'dist');
for (const file of fs.readdirSync(dist).filter((f) => f.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(fs.readFileSync(path.join(dist, file), 'utf8')).map((d) => d.toJS());
  console.log(`\n${path.join('examples', 'dist', file)}: ${docs.length} objects`);
  for (const doc of docs) {
    if (doc.kind === 'NetworkPolicy') {
      const spec = doc.spec;
      console.log(
        `  NetworkPolicy ${doc.metadata.namespace}/${doc.metadata.name}: ` +
        `isolates ${spec.policyTypes.join('+')}, ${(spec.ingress ?? []).length} ingress / ${(spec.egress ?? []).length} egress rules`,
      );
    } else {
      console.log(`  ${doc.kind} ${doc.metadata.namespace ? doc.metadata.namespace + '/' : ''}${doc.metadata.name}`);
    }
  }
}
