package pdfwrite

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// fpdf writes "/Count 0" on every outline item, including those with
// children, where the PDF specification wants the number of visible
// descendants (strict validators reject the 0). fixOutlineCounts writes
// the right counts, every item open, and shifts the cross-reference
// table to match.

var (
	outlineItem = regexp.MustCompile(`(?s)\n(\d+) 0 obj\n<</Title .*?/Count 0>>\nendobj`)
	firstRef    = regexp.MustCompile(`\n/First (\d+) 0 R`)
	nextRef     = regexp.MustCompile(`\n/Next (\d+) 0 R`)
	xrefStart   = regexp.MustCompile(`\nstartxref\n(\d+)\n%%EOF\n?$`)
)

type edit struct {
	at   int // offset of the "0" to replace
	with []byte
}

func fixOutlineCounts(pdf []byte) ([]byte, error) {
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
			edits = append(edits, edit{at: it.countAt, with: []byte(strconv.Itoa(count(n, 0)))})
		}
	}
	if len(edits) == 0 {
		return pdf, nil
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].at < edits[j].at })
	// shift maps an old offset to its new place
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at < off {
				d += len(e.with) - 1
			}
		}
		return off + d
	}
	var out bytes.Buffer
	prev := 0
	for _, e := range edits {
		out.Write(pdf[prev:e.at])
		out.Write(e.with)
		prev = e.at + 1
	}
	out.Write(pdf[prev:])
	res := out.Bytes()
	// rewrite the cross-reference table in place (its entries keep their
	// fixed 20-byte width) and the startxref offset
	m := xrefStart.FindSubmatchIndex(res)
	if m == nil {
		return nil, fmt.Errorf("écriture du PDF : table des références introuvable")
	}
	xref, _ := strconv.Atoi(string(res[m[2]:m[3]]))
	newXref := xref // the table itself lies after the outline objects
	newXref = shift(xref)
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
