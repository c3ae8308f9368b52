package fonts

// coverage is the set of Basic Multilingual Plane characters a face maps
// to a real glyph, one bit per character (8 KiB).
type coverage [0x10000 / 64]uint64

func (c *coverage) clear(r rune)    { c[r>>6] &^= 1 << (r & 63) }
func (c *coverage) set(r int)       { c[r>>6] |= 1 << (r & 63) }
func (c *coverage) has(r rune) bool { return r >= 0 && r <= 0xFFFF && c[r>>6]&(1<<(r&63)) != 0 }
func (c *coverage) and(o *coverage) {
	for i := range c {
		c[i] &= o[i]
	}
}

// unicodeCMap returns the coverage of the cmap subtable fpdf uses: the
// first format 4 subtable of platform 3 encoding 1 (Windows Unicode BMP)
// or platform 0 (Unicode). fpdf reads no other, so a character found only
// elsewhere (format 12, for characters beyond U+FFFF) cannot be drawn.
// It reads the table as fpdf does (segments of start and end codes,
// deltas and glyph arrays), bounds checked, and reports false when the
// subtable is missing or damaged.
func unicodeCMap(cmap []byte, glyphs int) (*coverage, bool) {
	n, ok := u16(cmap, 2)
	if !ok {
		return nil, false
	}
	sub := -1
	for i := range n {
		rec := 4 + 8*i
		platform, ok1 := u16(cmap, rec)
		encoding, ok2 := u16(cmap, rec+2)
		off, ok3 := u32(cmap, rec+4)
		if !ok1 || !ok2 || !ok3 {
			return nil, false
		}
		if platform == 3 && encoding == 1 || platform == 0 {
			if format, ok := u16(cmap, off); ok && format == 4 {
				sub = off
				break
			}
		}
	}
	if sub < 0 {
		return nil, false
	}
	size, ok1 := u16(cmap, sub+2)
	segX2, ok2 := u16(cmap, sub+6)
	if !ok1 || !ok2 || sub+size > len(cmap) {
		return nil, false
	}
	t := cmap[sub : sub+size]
	segs := segX2 / 2
	ends, starts, deltas, ranges := 14, 16+segX2, 16+2*segX2, 16+3*segX2
	if ranges+segX2 > len(t) {
		return nil, false
	}
	cov := new(coverage)
	for s := range segs {
		end, _ := u16(t, ends+2*s)
		start, _ := u16(t, starts+2*s)
		delta, _ := u16(t, deltas+2*s)
		ro, _ := u16(t, ranges+2*s)
		for r := start; r <= end; r++ {
			g := 0
			if ro == 0 {
				g = (r + delta) & 0xFFFF
			} else if v, ok := u16(t, ranges+2*s+ro+2*(r-start)); ok && v != 0 {
				g = (v + delta) & 0xFFFF
			}
			// fpdf never draws U+FFFF; glyph 0 is .notdef, the empty box
			if g != 0 && g < glyphs && r != 0xFFFF {
				cov.set(r)
			}
		}
	}
	return cov, true
}
