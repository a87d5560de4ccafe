/**
 * A minimal DNS client over UDP (RFC 1035): one question, the answer section's A, AAAA, CNAME
 * and SRV records as they came, and the response code. The DNS fidelity suite needs the raw
 * answer (Node's dns.Resolver follows CNAMEs and hides NXDOMAIN vs NODATA), and no package is
 * needed for the four record types it compares.
 */
import * as dgram from 'node:dgram';
import type { DnsRecord, DnsRecordType } from '../../server/src/service/routing/dns';

const typeCodes: Record<DnsRecordType, number> = { A: 1, CNAME: 5, AAAA: 28, SRV: 33 };
const typeNames = new Map(Object.entries(typeCodes).map(([name, code]) => [code, name as DnsRecordType]));

export type Rcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | `RCODE${number}`;

export interface DnsAnswer {
  rcode: Rcode;
  records: DnsRecord[];
}

/** Asks `server` (host and port) one question; rejects after `timeoutMs` without a reply. */
export function queryDns(
  server: { host: string; port: number },
  name: string,
  type: DnsRecordType,
  timeoutMs = 3000,
): Promise<DnsAnswer> {
  const id = Math.floor(Math.random() * 0xffff);
  const packet = encodeQuery(id, name, typeCodes[type]);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(
        new Error(`DNS ${type} ${name}: no reply from ${server.host}:${server.port} in ${timeoutMs} ms`),
      );
    }, timeoutMs);
    socket.on('message', (message) => {
      if (message.readUInt16BE(0) !== id) {
        return;
      }
      clearTimeout(timer);
      socket.close();
      try {
        resolve(decodeResponse(message));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.send(packet, server.port, server.host);
  });
}

function encodeQuery(id: number, name: string, type: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // recursion desired, like dig
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(1, 10); // one additional record: the EDNS0 OPT below
  const labels = name
    .replace(/\.+$/, '')
    .split('.')
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')]));
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2); // class IN
  // EDNS0 with a 4096-byte UDP payload, as dig sends it: without it a server truncates answers
  // to 512 bytes, and a headless Service with a few endpoints does not fit.
  const opt = Buffer.from([0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0]), tail, opt]);
}

function decodeResponse(message: Buffer): DnsAnswer {
  const flags = message.readUInt16BE(2);
  if ((flags & 0x0200) !== 0) {
    throw new Error('DNS response truncated (TC): the answer does not fit in 4096 bytes');
  }
  const code = flags & 0x0f;
  const rcode: Rcode =
    code === 0 ? 'NOERROR' : code === 3 ? 'NXDOMAIN' : code === 2 ? 'SERVFAIL' : `RCODE${code}`;
  const questions = message.readUInt16BE(4);
  const answers = message.readUInt16BE(6);
  let offset = 12;
  for (let i = 0; i < questions; i++) {
    offset = readName(message, offset).next + 4;
  }
  const records: DnsRecord[] = [];
  for (let i = 0; i < answers; i++) {
    const owner = readName(message, offset);
    const type = message.readUInt16BE(owner.next);
    const length = message.readUInt16BE(owner.next + 8);
    const data = owner.next + 10;
    const record = decodeRecord(message, owner.name, type, data, length);
    if (record) {
      records.push(record);
    }
    offset = data + length;
  }
  return { rcode, records };
}

function decodeRecord(
  message: Buffer,
  name: string,
  typeCode: number,
  data: number,
  length: number,
): DnsRecord | undefined {
  const type = typeNames.get(typeCode);
  switch (type) {
    case 'A':
      return { name, type, value: [...message.subarray(data, data + 4)].join('.') };
    case 'AAAA':
      return { name, type, value: ipv6Text(message.subarray(data, data + length)) };
    case 'CNAME':
      return { name, type, value: readName(message, data).name };
    case 'SRV':
      return {
        name,
        type,
        priority: message.readUInt16BE(data),
        weight: message.readUInt16BE(data + 2),
        port: message.readUInt16BE(data + 4),
        value: readName(message, data + 6).name,
      };
    default:
      return undefined;
  }
}

/** A possibly compressed name at `offset`, lowercase without the root dot, and where it ends. */
function readName(message: Buffer, start: number): { name: string; next: number } {
  const labels: string[] = [];
  let offset = start;
  let next = -1;
  for (let jumps = 0; jumps < 64; jumps++) {
    const length = message[offset];
    if (length === undefined) {
      throw new Error('DNS response: name runs past the end');
    }
    if (length === 0) {
      return { name: labels.join('.').toLowerCase(), next: next === -1 ? offset + 1 : next };
    }
    if ((length & 0xc0) === 0xc0) {
      next = next === -1 ? offset + 2 : next;
      offset = message.readUInt16BE(offset) & 0x3fff;
      continue;
    }
    labels.push(message.toString('ascii', offset + 1, offset + 1 + length));
    offset += length + 1;
  }
  throw new Error('DNS response: name too long or a compression loop');
}

/** RFC 5952 text, as Go prints it: lowercase, the longest run of two or more zero groups as `::`. */
function ipv6Text(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) {
    return hex.join(':');
  }
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}
