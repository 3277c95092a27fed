// What a Linux shared object asks of the dynamic loader: its DT_NEEDED libraries and the symbol versions it needs
// from them (the ELF .gnu.version_r section, what `objdump -p` prints as "Version References"). ld.so refuses to
// load a library whose needed versions the system lacks ("version `GLIBC_2.34' not found"), so this list is exactly
// what decides whether an addon loads on an older distribution. Plain TypeScript: no binutils needed.
import { readFileSync } from 'node:fs';

export interface VersionNeed {
  /** The library the version is needed from, e.g. `libc.so.6`. */
  library: string;
  /** The version name, e.g. `GLIBC_2.28`, `GLIBCXX_3.4.25`. */
  version: string;
}

export interface ElfVersionNeeds {
  needed: string[];
  versions: VersionNeed[];
}

const SHT_DYNAMIC = 6;
const SHT_GNU_VERNEED = 0x6ffffffe;
const DT_NULL = 0n;
const DT_NEEDED = 1n;

interface Section { type: number; offset: number; size: number; link: number; info: number }

function cString(buf: Buffer, at: number): string {
  const end = buf.indexOf(0, at);
  return buf.toString('latin1', at, end === -1 ? buf.length : end);
}

function sections(buf: Buffer): Section[] {
  if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  if (buf[4] !== 2 || buf[5] !== 1) throw new Error('only 64-bit little-endian ELF is supported (x86-64, aarch64)');
  const shoff = Number(buf.readBigUInt64LE(0x28));
  const shentsize = buf.readUInt16LE(0x3a);
  const shnum = buf.readUInt16LE(0x3c);
  if (shoff === 0 || shnum === 0) throw new Error('ELF file has no section headers');
  const result: Section[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize;
    result.push({
      type: buf.readUInt32LE(at + 4),
      offset: Number(buf.readBigUInt64LE(at + 0x18)),
      size: Number(buf.readBigUInt64LE(at + 0x20)),
      link: buf.readUInt32LE(at + 0x28),
      info: buf.readUInt32LE(at + 0x2c),
    });
  }
  return result;
}

/** Reads DT_NEEDED and the needed symbol versions of an ELF64 little-endian shared object. */
export function readVersionNeeds(input: string | Buffer): ElfVersionNeeds {
  const buf = typeof input === 'string' ? readFileSync(input) : input;
  const all = sections(buf);
  const strings = (index: number): Section => {
    const table = all[index];
    if (table === undefined) throw new Error(`ELF string table ${index} missing`);
    return table;
  };

  const needed: string[] = [];
  for (const dynamic of all.filter((s) => s.type === SHT_DYNAMIC)) {
    const str = strings(dynamic.link);
    for (let at = dynamic.offset; at + 16 <= dynamic.offset + dynamic.size; at += 16) {
      const tag = buf.readBigInt64LE(at);
      if (tag === DT_NULL) break;
      if (tag === DT_NEEDED) needed.push(cString(buf, str.offset + Number(buf.readBigUInt64LE(at + 8))));
    }
  }

  const versions: VersionNeed[] = [];
  for (const verneed of all.filter((s) => s.type === SHT_GNU_VERNEED)) {
    const str = strings(verneed.link);
    let entry = verneed.offset;
    for (let n = 0; n < verneed.info; n++) {
      // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
      const count = buf.readUInt16LE(entry + 2);
      const library = cString(buf, str.offset + buf.readUInt32LE(entry + 4));
      let aux = entry + buf.readUInt32LE(entry + 8);
      for (let k = 0; k < count; k++) {
        // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
        versions.push({ library, version: cString(buf, str.offset + buf.readUInt32LE(aux + 8)) });
        const next = buf.readUInt32LE(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      const next = buf.readUInt32LE(entry + 12);
      if (next === 0) break;
      entry += next;
    }
  }
  return { needed, versions };
}
