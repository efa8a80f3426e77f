#!/usr/bin/env python3
"""Draws the PNG app icons (a folder on a blue tile, like icon.svg) with the standard library
only, so no image tool is needed. Run once; the PNGs are committed."""
import struct, zlib, sys, os

BLUE, WHITE, PALE = (0x1f, 0x4e, 0x79), (0xff, 0xff, 0xff), (0xc9, 0xd8, 0xe8)

def pixel(x, y, maskable):
    # Work in the 64-unit space of icon.svg; maskable icons keep content in the safe 80 % circle.
    if maskable:
        x, y = 32 + (x - 32) / 0.8, 32 + (y - 32) / 0.8
        if not (0 <= x < 64 and 0 <= y < 64):
            return BLUE
    if 18 <= x < 48 and 14 <= y < 50 and not (x >= 38 and y < 24 and (x - 38) > (y - 14)):
        for top, width in ((30, 18), (37, 18), (44, 11)):
            if 23 <= x < 23 + width and top <= y < top + 3:
                return BLUE
        if x >= 38 and y < 24:
            return PALE
        return WHITE
    return BLUE

def png(size, maskable):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            row += bytes(pixel((px + 0.5) * 64 / size, (py + 0.5) * 64 / size, maskable))
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")

out = sys.argv[1] if len(sys.argv) > 1 else "public/icons"
for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False), ("icon-512-maskable.png", 512, True)):
    with open(os.path.join(out, name), "wb") as f:
        f.write(png(size, maskable))
