package embed

import "bytes"

// Revisions returns where each revision of pdf ends: the offset just
// after each end-of-file marker (%%EOF and its line end) that closes a
// cross-reference section, in file order. A PDF as cls writes it has one
// revision; signing appends an incremental update (new objects, a new
// cross-reference section, %%EOF) per signature, so the build's bytes are
// the first revision of a signed copy, unchanged.
//
// A marker counts only after "startxref", a positive offset and a line
// end, as the PDF syntax writes it: the same five bytes inside a stream
// (compressed data, a template that quotes them) are not a revision, and
// the first-page section of a linearized file (startxref 0) is not one
// either.
func Revisions(pdf []byte) []int {
	var ends []int
	marker := []byte("%%EOF")
	for from := 0; ; {
		i := bytes.Index(pdf[from:], marker)
		if i < 0 {
			return ends
		}
		i += from
		from = i + len(marker)
		if !closesXref(pdf[:i]) {
			continue
		}
		end := from
		if end < len(pdf) && pdf[end] == '\r' {
			end++
		}
		if end < len(pdf) && pdf[end] == '\n' {
			end++
		}
		ends = append(ends, end)
	}
}

// Original returns the first revision of pdf: the bytes cls wrote, when
// pdf is a signed copy of a build (see Revisions). A PDF with no
// recognisable revision is returned whole.
func Original(pdf []byte) []byte {
	if ends := Revisions(pdf); len(ends) > 0 {
		return pdf[:ends[0]]
	}
	return pdf
}

// closesXref reports whether b ends with "startxref", blanks, a positive
// offset and blanks: what precedes a revision's %%EOF.
func closesXref(b []byte) bool {
	i := len(b)
	for i > 0 && blank(b[i-1]) {
		i--
	}
	digits, positive := i, false
	for i > 0 && b[i-1] >= '0' && b[i-1] <= '9' {
		if b[i-1] != '0' {
			positive = true
		}
		i--
	}
	if i == digits || !positive || digits-i > 19 {
		return false
	}
	k := i
	for i > 0 && blank(b[i-1]) {
		i--
	}
	return i < k && bytes.HasSuffix(b[:i], []byte("startxref"))
}
