package fonts

import "math"

// The layout measures text as the PDF writer will print it: with the
// advance widths fpdf takes from a face. Parsing a face with fpdf costs
// some 5 ms and 5 MB (it builds maps of every character and marshals its
// width table to JSON to name the font), and the writer parses the faces
// again anyway; so the measurer reads the same widths from the tables
// Load has already checked, by fpdf's rules, which TestWidthsAsFpdf
// compares for every character of every face.

// charMap gives the glyph of each Basic Multilingual Plane character in
// the character table fpdf reads, 0 for none.
type charMap [0x10000]uint16

// glyphMap reads the glyphs of the cmap subtable fpdf uses: the first
// format 4 subtable of platform 3 encoding 1 (Windows Unicode BMP) or
// platform 0 (Unicode). fpdf reads no other, so a character found only
// elsewhere (format 12, for characters beyond U+FFFF) cannot be drawn. It
// reads the table as fpdf does (segments of start and end codes, deltas
// and glyph arrays), bounds checked, keeping for a character mapped twice
// the highest glyph below glyphs, whose width fpdf keeps; it reports false
// when the subtable is missing or damaged.
func glyphMap(cmap []byte, glyphs int) (*charMap, bool) {
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
	m := new(charMap)
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
			if g < glyphs && g > int(m[r]) {
				m[r] = uint16(g)
			}
		}
	}
	return m, true
}

// coverage is the set of characters m maps to a real glyph: glyph 0 is
// .notdef, the empty box, and fpdf never draws U+FFFF.
func (m *charMap) coverage() *coverage {
	c := new(coverage)
	for r, g := range m {
		if g != 0 && r != 0xFFFF {
			c.set(r)
		}
	}
	return c
}

// widths are a face's advance widths as fpdf's width table holds them, in
// thousandths of the em rounded to the unit: by glyph, through the face's
// character map. A character without a glyph is measured at the missing
// width; a glyph of no width is held as zeroWidth, as fpdf holds it.
type widths struct {
	glyphs  *charMap
	advance []int // by glyph
	missing int   // the width of .notdef, which fpdf gives to a character without a glyph
	nul     int   // fpdf's table keeps the count of its characters where U+0000's width would be
}

const zeroWidth = 65535

// faceWidths reads the widths of the glyphs of m from the face's hmtx
// table, scaled from its units per em. parseTTF has checked that hmtx
// holds the metrics hhea and maxp announce.
func faceWidths(t *ttf, m *charMap) (*widths, bool) {
	upem, ok := u16(t.tables["head"], 18)
	if !ok || upem < 16 || upem > 16384 {
		return nil, false
	}
	metrics, _ := u16(t.tables["hhea"], 34)
	glyphs, _ := u16(t.tables["maxp"], 4)
	hmtx := t.tables["hmtx"]
	scale := 1000.0 / float64(upem)
	mapped := make([]bool, glyphs)
	for _, g := range m {
		mapped[g] = true
	}
	// fpdf reads an advance of 32768 or more as 0 for a mapped glyph (or
	// .notdef); a glyph beyond the metrics takes the last one's advance as
	// fpdf last read it
	raw := func(g int) int {
		a, _ := u16(hmtx, 4*g)
		if a >= 1<<15 && (mapped[g] || g == 0) {
			a = 0
		}
		return a
	}
	last := raw(metrics - 1)
	w := &widths{glyphs: m, advance: make([]int, glyphs)}
	w.missing = int(math.Floor(scale*float64(raw(0)) + 0.5))
	for g := 1; g < glyphs; g++ {
		a := last
		if g < metrics {
			a = raw(g)
		}
		v := int(math.Round(scale * float64(a)))
		if v == 0 {
			v = zeroWidth
		}
		w.advance[g] = v
	}
	for r, g := range m {
		if g != 0 && r != 0 && r != 0xFFFF {
			w.nul++
		}
	}
	return w, true
}

// measure is the width of s in thousandths of the em, summed as fpdf
// sums it.
func (w *widths) measure(s string) int {
	n := 0
	for _, r := range s {
		c := 0
		switch {
		case r == 0:
			c = w.nul
		case r < 0xFFFF:
			c = w.advance[w.glyphs[r]]
		}
		switch {
		case c == zeroWidth:
		case c > 0:
			n += c
		case w.missing != 0:
			n += w.missing
		default:
			n += 500
		}
	}
	return n
}
