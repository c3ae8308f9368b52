package fonts

import (
	"encoding/binary"
	"fmt"
)

// fpdf reads a font file with no bounds checks: a truncated or damaged
// file makes it panic, or recurse forever on a composite glyph that
// contains itself. The checks here read the same tables fpdf reads, with
// every offset checked, so that such a file is refused at load time with
// its name, before fpdf sees it.

// fault is why a font file is refused; Load adds the file and the key.
type fault struct {
	what, want string
}

func (f *fault) Error() string { return f.what + " ; attendu " + f.want }

var (
	wantTTF     = "un fichier TrueType (.ttf)"
	wantFullTTF = "un fichier TrueType (.ttf) complet"
	damaged     = &fault{"police illisible (fichier tronqué ou endommagé)", wantFullTTF}
)

// required are the tables fpdf reads to measure and embed a font.
var required = []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post"}

// ttf is a TrueType file's table directory.
type ttf struct {
	b      []byte
	tables map[string][]byte
}

func u16(b []byte, at int) (int, bool) {
	if at < 0 || at+2 > len(b) {
		return 0, false
	}
	return int(binary.BigEndian.Uint16(b[at:])), true
}

func u32(b []byte, at int) (int, bool) {
	if at < 0 || at+4 > len(b) {
		return 0, false
	}
	return int(binary.BigEndian.Uint32(b[at:])), true
}

// parseTTF reads the table directory of b and checks that every table
// fpdf reads is there, whole, and consistent.
func parseTTF(b []byte) (*ttf, *fault) {
	if len(b) == 0 {
		return nil, &fault{"fichier vide", wantTTF}
	}
	if len(b) >= 4 {
		switch string(b[:4]) {
		case "OTTO":
			return nil, &fault{"police OpenType à contours PostScript (CFF), que le PDF ne peut pas incorporer", wantTTF}
		case "ttcf":
			return nil, &fault{"collection de polices (.ttc), que le PDF ne peut pas incorporer", "un fichier TrueType (.ttf) par style"}
		case "wOFF", "wOF2":
			return nil, &fault{"police web (WOFF), que le PDF ne peut pas incorporer", wantTTF}
		case "\x00\x01\x00\x00", "true":
		default:
			return nil, &fault{"ce fichier n'est pas une police TrueType", "un fichier .ttf"}
		}
	}
	n, ok := u16(b, 4)
	if !ok || 12+16*n > len(b) {
		return nil, damaged
	}
	t := &ttf{b: b, tables: make(map[string][]byte, n)}
	for i := range n {
		rec := 12 + 16*i
		off, _ := u32(b, rec+8)
		size, _ := u32(b, rec+12)
		if off+size > len(b) {
			return nil, damaged
		}
		t.tables[string(b[rec:rec+4])] = b[off : off+size]
	}
	for _, name := range required {
		if _, ok := t.tables[name]; !ok {
			if _, cff := t.tables["CFF "]; cff && name == "glyf" {
				return nil, &fault{"police OpenType à contours PostScript (CFF), que le PDF ne peut pas incorporer", wantTTF}
			}
			return nil, &fault{fmt.Sprintf("police incomplète : table « %s » absente", name), wantFullTTF}
		}
	}
	if err := t.checkGlyphs(); err != nil {
		return nil, err
	}
	return t, nil
}

// checkGlyphs checks the tables that locate the glyphs: the metrics, the
// glyph offsets, and the composite glyphs' components (no component out
// of range, no glyph made of itself).
func (t *ttf) checkGlyphs() *fault {
	head, hhea, maxp := t.tables["head"], t.tables["hhea"], t.tables["maxp"]
	format, ok1 := u16(head, 50)
	metrics, ok2 := u16(hhea, 34)
	glyphs, ok3 := u16(maxp, 4)
	if !ok1 || !ok2 || !ok3 || glyphs == 0 || metrics == 0 || metrics > glyphs ||
		len(t.tables["hmtx"]) < 4*metrics+2*(glyphs-metrics) || format > 1 {
		return damaged
	}
	loca, glyf := t.tables["loca"], t.tables["glyf"]
	at := make([]int, glyphs+1)
	for i := range at {
		var v int
		var ok bool
		if format == 0 {
			v, ok = u16(loca, 2*i)
			v *= 2
		} else {
			v, ok = u32(loca, 4*i)
		}
		if !ok || v > len(glyf) || i > 0 && v < at[i-1] {
			return damaged
		}
		at[i] = v
	}
	// components of each composite glyph, flat (glyph g's are
	// comps[from[g]:from[g+1]]), then a depth-first search for a cycle
	comps := make([]uint16, 0, glyphs)
	from := make([]int32, glyphs+1)
	for g := range glyphs {
		from[g] = int32(len(comps))
		data := glyf[at[g]:at[g+1]]
		if len(data) < 10 || data[0]&0x80 == 0 { // not a composite
			continue
		}
		p := 10
		for {
			flags, ok1 := u16(data, p)
			idx, ok2 := u16(data, p+2)
			if !ok1 || !ok2 || idx >= glyphs {
				return damaged
			}
			comps = append(comps, uint16(idx))
			p += 4 + componentArgs(flags)
			if flags&0x20 == 0 { // MORE_COMPONENTS
				break
			}
		}
	}
	from[glyphs] = int32(len(comps))
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, glyphs)
	var acyclic func(g int) bool
	acyclic = func(g int) bool {
		switch state[g] {
		case onPath:
			return false
		case done:
			return true
		}
		state[g] = onPath
		for _, c := range comps[from[g]:from[g+1]] {
			if !acyclic(int(c)) {
				return false
			}
		}
		state[g] = done
		return true
	}
	for g := range glyphs {
		if from[g] < from[g+1] && !acyclic(g) {
			return damaged
		}
	}
	return nil
}

// componentArgs is the size of a composite glyph component's arguments
// and transform, after its flags and glyph index.
func componentArgs(flags int) int {
	n := 2
	if flags&0x01 != 0 { // ARG_1_AND_2_ARE_WORDS
		n = 4
	}
	switch {
	case flags&0x08 != 0: // WE_HAVE_A_SCALE
		n += 2
	case flags&0x40 != 0: // WE_HAVE_AN_X_AND_Y_SCALE
		n += 4
	case flags&0x80 != 0: // WE_HAVE_A_TWO_BY_TWO
		n += 8
	}
	return n
}
