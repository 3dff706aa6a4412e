// `pnpm --filter @g2g/backend bench:scale`: only the replica part of `pnpm bench`
// (participant joins for 1 and 3 replicas on SQLite and PostgreSQL).
import { describeScale, scaleBench } from './scale';

console.log(describeScale(await scaleBench()));
