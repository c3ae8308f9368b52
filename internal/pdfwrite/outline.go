package pdfwrite

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// fpdf writes two things wrong, which fix mends in its output, shifting
// the cross-reference table to match:
//   - "/Count 0" on every outline item, including those with children,
//     where the PDF specification wants the number of visible descendants
//     (strict validators reject the 0); every item is written open;
//   - when files are embedded, page references of internal links and of
//     the outline ("/Dest [1+2p 0 R …]") that ignore the objects the
//     embedded files take before the pages.

var (
	outlineItem = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n<</Title .*?/Count 0>>\nendobj`)
	firstRef    = regexp.MustCompile(`\n/First (\d+) 0 R`)
	nextRef     = regexp.MustCompile(`\n/Next (\d+) 0 R`)
	xrefStart   = regexp.MustCompile(`\nstartxref\n(\d+)\n%%EOF\n?$`)
	pageObject  = regexp.MustCompile(`\n(\d+) 0 obj\n<</Type /Page\n`)
	destRef     = regexp.MustCompile(`/Dest \[(\d+) 0 R`)
)

// edit replaces the n bytes at an offset.
type edit struct {
	at, n int
	with  []byte
}

func fix(pdf []byte) ([]byte, error) {
	edits := append(outlineEdits(pdf), destEdits(pdf)...)
	if len(edits) == 0 {
		return pdf, nil
	}
	return apply(pdf, edits)
}

// destEdits points link and outline destinations at the real page objects.
func destEdits(pdf []byte) []edit {
	pages := map[int]int{} // page number (1-based) → object number
	for i, m := range pageObject.FindAllSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		pages[i+1] = n
	}
	var edits []edit
	for _, m := range destRef.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		if (n-1)%2 != 0 {
			continue
		}
		real, ok := pages[(n-1)/2]
		if !ok || real == n {
			continue
		}
		edits = append(edits, edit{at: m[2], n: m[3] - m[2], with: []byte(strconv.Itoa(real))})
	}
	return edits
}

// outlineEdits writes the counts of outline items with children.
func outlineEdits(pdf []byte) []edit {
	type item struct {
		first, next int
		countAt     int
	}
	items := map[int]*item{}
	for _, m := range outlineItem.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		body := pdf[m[0]:m[1]]
		it := &item{countAt: m[1] - len("0>>\nendobj")}
		if f := firstRef.FindSubmatch(body); f != nil {
			it.first, _ = strconv.Atoi(string(f[1]))
		}
		if x := nextRef.FindSubmatch(body); x != nil {
			it.next, _ = strconv.Atoi(string(x[1]))
		}
		items[n] = it
	}
	var count func(n int, depth int) int
	count = func(n int, depth int) int {
		it, ok := items[n]
		if !ok || it.first == 0 || depth > 64 {
			return 0
		}
		total := 0
		for c, guard := it.first, 0; c != 0 && guard < 100000; guard++ {
			total += 1 + count(c, depth+1)
			ci, ok := items[c]
			if !ok {
				break
			}
			c = ci.next
		}
		return total
	}
	var edits []edit
	for n, it := range items {
		if it.first != 0 {
			edits = append(edits, edit{at: it.countAt, n: 1, with: []byte(strconv.Itoa(count(n, 0)))})
		}
	}
	return edits
}

// apply makes the edits and rewrites the cross-reference table (its
// entries keep their fixed 20-byte width) and the startxref offset.
func apply(pdf []byte, edits []edit) ([]byte, error) {
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at < off {
				d += len(e.with) - e.n
			}
		}
		return off + d
	}
	var out bytes.Buffer
	prev := 0
	for _, e := range edits {
		out.Write(pdf[prev:e.at])
		out.Write(e.with)
		prev = e.at + e.n
	}
	out.Write(pdf[prev:])
	res := out.Bytes()
	m := xrefStart.FindSubmatchIndex(res)
	if m == nil {
		return nil, fmt.Errorf("écriture du PDF : table des références introuvable")
	}
	xref, _ := strconv.Atoi(string(res[m[2]:m[3]]))
	newXref := shift(xref)
	if !bytes.HasPrefix(res[newXref:], []byte("xref\n")) {
		return nil, fmt.Errorf("écriture du PDF : table des références déplacée")
	}
	p := newXref + len("xref\n")
	nl := bytes.IndexByte(res[p:], '\n')
	var first, size int
	if _, err := fmt.Sscanf(string(res[p:p+nl]), "%d %d", &first, &size); err != nil {
		return nil, fmt.Errorf("écriture du PDF : table des références illisible")
	}
	p += nl + 1
	for i := 0; i < size; i++ {
		entry := res[p : p+20]
		if entry[17] == 'n' {
			off, _ := strconv.Atoi(string(entry[:10]))
			copy(entry[:10], fmt.Sprintf("%010d", shift(off)))
		}
		p += 20
	}
	tail := fmt.Sprintf("\nstartxref\n%d\n%%%%EOF\n", newXref)
	return append(res[:m[0]:m[0]], tail...), nil
}
