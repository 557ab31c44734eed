#!/usr/bin/env python3
"""Who holds the int[] arrays of a heap dump, level by level up to the roots.

usage: hprof-referrers.py dump.hprof [min-length] [levels]

Reads an HPROF file (jcmd <pid> GC.heap_dump FILE, 8-byte ids) and prints, for the int[] arrays
of at least min-length elements, the classes of the objects that reference them, then of those
that reference the referrers, and so on. Arrays nothing references are the collector's filler
objects (dead space), not data. Used for BENCHMARKS.md, session 7 (the soak's live heaps).
"""
import struct, sys, collections, mmap

path = sys.argv[1]
minlen = int(sys.argv[2]) if len(sys.argv) > 2 else 100
levels = int(sys.argv[3]) if len(sys.argv) > 3 else 3
f = open(path, 'rb'); m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
hdr_end = m.find(b'\0') + 1
idsize = struct.unpack('>I', m[hdr_end:hdr_end+4])[0]
assert idsize == 8
ID = struct.Struct('>Q'); U4 = struct.Struct('>I'); U2 = struct.Struct('>H')
SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
strings = {}; classname = {}; classdump = {}  # cid -> (super, [(type)] instance field types)

def records():
    pos = hdr_end + 4 + 8
    n = len(m)
    while pos < n:
        tag = m[pos]; length = U4.unpack_from(m, pos + 5)[0]
        yield tag, pos + 9, length
        pos += 9 + length

def subrecords(start, length):
    pos = start; end = start + length
    while pos < end:
        t = m[pos]; pos += 1
        if t == 0xFF: yield t, pos, None; pos += 8
        elif t == 0x01: yield t, pos, None; pos += 16
        elif t in (0x02, 0x03): yield t, pos, None; pos += 16
        elif t == 0x04: yield t, pos, None; pos += 12
        elif t == 0x05: yield t, pos, None; pos += 8
        elif t == 0x06: yield t, pos, None; pos += 12
        elif t == 0x07: yield t, pos, None; pos += 8
        elif t == 0x08: yield t, pos, None; pos += 16
        elif t == 0x20:
            p = pos; cid = ID.unpack_from(m, p)[0]; p += 8 + 4
            sup = ID.unpack_from(m, p)[0]; p += 8 * 6 + 4
            cp = U2.unpack_from(m, p)[0]; p += 2
            for _ in range(cp):
                ty = m[p + 2]; p += 3 + SIZES[ty]
            ns = U2.unpack_from(m, p)[0]; p += 2
            statics = []
            for _ in range(ns):
                ty = m[p + 8]
                if ty == 2: statics.append(ID.unpack_from(m, p + 9)[0])
                p += 9 + SIZES[ty]
            ni = U2.unpack_from(m, p)[0]; p += 2
            fields = []
            for _ in range(ni):
                fields.append(m[p + 8]); p += 9
            yield t, pos, (cid, sup, fields, statics)
            pos = p
        elif t == 0x21:
            nb = U4.unpack_from(m, pos + 20)[0]
            yield t, pos, nb
            pos += 24 + nb
        elif t == 0x22:
            num = U4.unpack_from(m, pos + 12)[0]
            yield t, pos, num
            pos += 24 + num * 8
        elif t == 0x23:
            num = U4.unpack_from(m, pos + 12)[0]; ty = m[pos + 16]
            yield t, pos, (num, ty)
            pos += 17 + num * SIZES[ty]
        else:
            raise Exception('unknown subtag %x at %d' % (t, pos))

# pass 1: names, classes, targets
targets = set(); objclass = {}
for tag, start, length in records():
    if tag == 0x01:
        strings[ID.unpack_from(m, start)[0]] = m[start + 8:start + length].decode('utf8', 'replace')
    elif tag == 0x02:
        cid = ID.unpack_from(m, start + 4)[0]; nid = ID.unpack_from(m, start + 16)[0]
        classname[cid] = nid
    elif tag in (0x0C, 0x1C):
        for t, p, info in subrecords(start, length):
            if t == 0x20:
                cid, sup, fields, statics = info
                classdump[cid] = (sup, fields, statics)
            elif t == 0x23:
                num, ty = info
                if ty == 10 and num >= minlen:
                    targets.add(ID.unpack_from(m, p)[0])
classname = {c: strings.get(n, '?') for c, n in classname.items()}
print('int[] of length >=', minlen, ':', len(targets))

def layout(cid):
    out = []
    while cid:
        sup, fields, _ = classdump.get(cid, (0, [], []))
        out.extend(fields); cid = sup
    return out
layouts = {}

def referrers(tset):
    owners = collections.Counter(); ownerids = set(); roots = collections.Counter(); hit = set()
    for tag, start, length in records():
        if tag not in (0x0C, 0x1C): continue
        for t, p, info in subrecords(start, length):
            if t in (0xFF, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08):
                if ID.unpack_from(m, p)[0] in tset:
                    roots['root-%x' % t] += 1; hit.add(ID.unpack_from(m, p)[0])
            elif t == 0x20:
                cid, sup, fields, statics = info
                for s in statics:
                    if s in tset:
                        owners['static of ' + classname.get(cid, '?')] += 1; hit.add(s)
            elif t == 0x21:
                oid = ID.unpack_from(m, p)[0]; cid = ID.unpack_from(m, p + 12)[0]
                lay = layouts.get(cid)
                if lay is None: lay = layouts[cid] = layout(cid)
                q = p + 24
                for ty in lay:
                    if ty == 2:
                        ref = ID.unpack_from(m, q)[0]
                        if ref in tset:
                            owners[classname.get(cid, '?')] += 1; ownerids.add(oid); hit.add(ref)
                    q += SIZES[ty]
            elif t == 0x22:
                oid = ID.unpack_from(m, p)[0]; num = info; acid = ID.unpack_from(m, p + 16)[0]
                q = p + 24
                for i in range(num):
                    ref = ID.unpack_from(m, q + 8 * i)[0]
                    if ref in tset:
                        owners[classname.get(acid, '?') + '[]'] += 1; ownerids.add(oid); hit.add(ref)
    return owners, ownerids, roots, hit

cur = targets
for level in range(levels):
    owners, ids, roots, hit = referrers(cur)
    print('level', level + 1, 'referrers of', len(cur), 'objects:', dict(roots))
    if level == 0:
        print('    referenced by nothing (filler / dead space):', len(cur) - len(hit))
    for k, v in owners.most_common(8): print('   ', v, k)
    top = owners.most_common(1)
    if not top: break
    cur = ids
