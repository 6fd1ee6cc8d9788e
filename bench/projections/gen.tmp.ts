import { generateEvents } from './generate';
generateEvents(process.argv[2]!, Number(process.argv[3]), console.log).then((g) => console.log(JSON.stringify(g)));
