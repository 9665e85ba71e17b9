import { startSnsApp, queryRequest } from './helpers';
const s = await startSnsApp();
try {
  const deep = 'Name' + '.a'.repeat(200_000) + '=x';
  let r = await queryRequest(s.endpoint, 'Action=CreateTopic&' + deep);
  console.log(r.status, r.body.slice(0, 300));
  r = await queryRequest(s.endpoint, 'Action=CreateTopic&Name=%ZZ%E0%A4');
  console.log(r.status, r.body.slice(0, 300));
  const many = Array.from({ length: 50000 }, (_, i) => `PublishBatchRequestEntries.member.${i + 1}.Id=e${i}&PublishBatchRequestEntries.member.${i + 1}.Message=m`).join('&');
  r = await queryRequest(s.endpoint, `Action=PublishBatch&TopicArn=arn:aws:sns:us-east-1:000000000000:orders&${many}`);
  console.log(r.status, r.body.slice(0, 300));
  r = await queryRequest(s.endpoint, Buffer.from([0x41,0x63,0x74,0x69,0x6f,0x6e,0x3d,0xff,0xfe,0x80]).toString('latin1'));
  console.log(r.status, r.body.slice(0, 300));
  r = await queryRequest(s.endpoint, 'Action=Publish&Action=CreateTopic&Name=x');
  console.log(r.status, r.body.slice(0, 300));
} finally { await s.close(); }
