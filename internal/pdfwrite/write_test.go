package pdfwrite

import (
	"bytes"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// sample is a small laid-out document: a sommaire page with an internal
// and an external link, two chapters, a section under the second, and
// two embedded files, which come before the pages in the PDF and are
// what fpdf's page numbering gets wrong.
func sample(t *testing.T) (*layout.Result, Options) {
	t.Helper()
	black := doc.Color{}
	res := &layout.Result{
		Pages: []layout.Page{
			{Items: []doc.Item{
				doc.Text{X: 20, Y: 30, Text: "Bonjour à tous", Size: 11, Color: black},
				doc.Text{X: 20, Y: 40, Text: "Chapitre deux", Size: 11, Color: black},
				doc.Link{X: 20, Y: 36, W: 40, H: 5, Target: "#chap2"},
				doc.Link{X: 20, Y: 46, W: 40, H: 5, Target: "https://example.org/cls"},
				doc.Rect{X: 20, Y: 50, W: 30, H: 10, Fill: &doc.Color{R: 200}},
			}},
			{Items: []doc.Item{doc.Text{X: 20, Y: 30, Text: "Chapitre un", Size: 14, Style: doc.Bold}}},
			{Items: []doc.Item{
				doc.Text{X: 20, Y: 30, Text: "Chapitre deux", Size: 14, Style: doc.Bold},
				doc.Text{X: 20, Y: 120, Text: "Section 2.1", Size: 12, Style: doc.Italic},
			}},
		},
		Anchors: map[string]layout.Position{
			"chap1": {Page: 2, Y: 25}, "chap2": {Page: 3, Y: 25}, "s21": {Page: 3, Y: 115},
		},
		TOC: []layout.TOCEntry{
			{Title: "Chapitre un", Level: 1, Anchor: "chap1", At: layout.Position{Page: 2, Y: 25}},
			{Title: "Chapitre deux", Level: 1, Anchor: "chap2", At: layout.Position{Page: 3, Y: 25}},
			{Title: "Section\u00a02.1", Level: 2, Anchor: "s21", At: layout.Position{Page: 3, Y: 115}},
		},
	}
	opt := options(t)
	opt.Meta = doc.Meta{Title: "Contrat Local de Santé", Author: "Agglo", Lang: "fr-FR", CreationDate: "2024-03-05"}
	opt.Attachments = []Attachment{
		{Name: "cls.yaml", Content: []byte("territoire: Lisieux\n")},
		{Name: "sources/contrat.xlsx", Content: bytes.Repeat([]byte("PK\x03\x04"), 500)},
	}
	return res, opt
}

// written writes the sample and reads it back with pdfcpu.
func written(t *testing.T) ([]byte, *model.Context, *layout.Result, Options) {
	t.Helper()
	res, opt := sample(t)
	pdf, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	return pdf, ctx, res, opt
}

// pageNumber returns the 1-based number of the page a destination
// array's first element names, 0 if none.
func pageNumber(t *testing.T, x *model.XRefTable, dest types.Object) int {
	t.Helper()
	a, ok := dest.(types.Array)
	if !ok || len(a) < 4 {
		t.Fatalf("destination %v is not [page /XYZ left top zoom]", dest)
	}
	ref, ok := a[0].(types.IndirectRef)
	if !ok {
		t.Fatalf("destination %v does not name a page object", dest)
	}
	for i := 1; i <= x.PageCount; i++ {
		if _, r, _, err := x.PageDict(i, false); err == nil && *r == ref {
			return i
		}
	}
	return 0
}

// top returns the height in points, from the page's foot, that a
// destination opens at.
func top(t *testing.T, dest types.Object) float64 {
	t.Helper()
	switch v := dest.(types.Array)[3].(type) {
	case types.Float:
		return float64(v)
	case types.Integer:
		return float64(v)
	}
	t.Fatalf("destination %v has no top", dest)
	return 0
}

func wantTop(g layout.Geometry, y float64) float64 { return (g.PageH - y) * 72 / 25.4 }

func TestWriteIsAValidPDF(t *testing.T) {
	pdf, ctx, res, opt := written(t)
	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Fatalf("pdfcpu validation: %v", err)
	}
	info, err := api.PDFInfo(bytes.NewReader(pdf), "a.pdf", nil, true, conf)
	if err != nil {
		t.Fatal(err)
	}
	if info.PageCount != len(res.Pages) {
		t.Errorf("%d pages, want %d", info.PageCount, len(res.Pages))
	}
	if info.Title != opt.Meta.Title || info.Author != opt.Meta.Author {
		t.Errorf("title %q, author %q", info.Title, info.Author)
	}
	if len(info.Fonts) < 3 {
		t.Errorf("%d fonts, want the regular, bold and italic faces drawn", len(info.Fonts))
	}
	for _, f := range info.Fonts {
		if !f.Embedded {
			t.Errorf("font %s not embedded", f.Name)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.")) || !bytes.HasSuffix(pdf, []byte("%%EOF\n")) {
		t.Error("not a PDF file from header to end")
	}
	if ctx.XRefTable.PageCount != len(res.Pages) {
		t.Errorf("page tree has %d pages", ctx.XRefTable.PageCount)
	}
}

// TestWriteDatesComeFromMeta: the creation and modification dates are
// the document's date, never the clock; without one, a fixed date.
func TestWriteDatesComeFromMeta(t *testing.T) {
	for date, want := range map[string]string{"2024-03-05": "D:20240305000000", "2024-03-05T14:30:00+02:00": "D:20240305123000", "": "D:20000101000000"} {
		res, opt := sample(t)
		opt.Meta.CreationDate = date
		pdf, err := Write(res, opt)
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
		if err != nil {
			t.Fatal(err)
		}
		d, err := ctx.DereferenceDict(*ctx.Info)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"CreationDate", "ModDate"} {
			got, _ := d[key].(types.StringLiteral)
			if !strings.HasPrefix(string(got), want) {
				t.Errorf("date %q: %s is %q, want %s…", date, key, got, want)
			}
		}
	}
}

// TestWriteTwiceSameBytes: the PDF depends on its inputs only.
func TestWriteTwiceSameBytes(t *testing.T) {
	a, _, _, _ := written(t)
	b, _, _, _ := written(t)
	if !bytes.Equal(a, b) {
		t.Fatalf("two writes differ (%d and %d bytes)", len(a), len(b))
	}
}

// TestOutlineOpensAtHeadings: every outline item opens the page and the
// height its heading landed on (though embedded files come before the
// pages), items with children count them, and the outline counts all.
func TestOutlineOpensAtHeadings(t *testing.T) {
	_, ctx, res, opt := written(t)
	x := ctx.XRefTable
	root, err := x.DereferenceDict(*x.Root)
	if err != nil {
		t.Fatal(err)
	}
	outlines, err := x.DereferenceDict(root["Outlines"])
	if err != nil || outlines == nil {
		t.Fatalf("no outline (%v)", err)
	}
	if n := outlines.IntEntry("Count"); n == nil || *n != len(res.TOC) {
		t.Errorf("outline /Count %v, want %d", n, len(res.TOC))
	}
	type item struct {
		title    string
		dest     types.Object
		count    *int
		children int
	}
	var items []item
	var walk func(o types.Object) int
	walk = func(o types.Object) int {
		n := 0
		for o != nil {
			d, err := x.DereferenceDict(o)
			if err != nil || d == nil {
				t.Fatalf("outline item %v unreadable", o)
			}
			title, _ := d["Title"].(types.StringLiteral)
			s, err := types.StringLiteralToString(title)
			if err != nil {
				t.Fatal(err)
			}
			items = append(items, item{title: s, dest: d["Dest"], count: d.IntEntry("Count")})
			i := len(items) - 1
			items[i].children = walk(d["First"])
			n++
			o = d["Next"]
		}
		return n
	}
	walk(outlines["First"])
	if len(items) != len(res.TOC) {
		t.Fatalf("%d outline items, want %d", len(items), len(res.TOC))
	}
	for i, e := range res.TOC {
		it := items[i]
		if want := noBreakSpaces.Replace(e.Title); it.title != want {
			t.Errorf("item %d: %q, want %q", i, it.title, want)
		}
		if p := pageNumber(t, x, it.dest); p != e.At.Page {
			t.Errorf("%s: opens page %d, heading on page %d", e.Title, p, e.At.Page)
		}
		if got, want := top(t, it.dest), wantTop(opt.Geometry, e.At.Y); math.Abs(got-want) > 0.01 {
			t.Errorf("%s: opens at %.2f pt, heading at %.2f", e.Title, got, want)
		}
		switch {
		case it.children > 0 && (it.count == nil || *it.count != it.children):
			t.Errorf("%s: /Count %v, has %d children", e.Title, it.count, it.children)
		case it.children == 0 && it.count != nil && *it.count != 0:
			t.Errorf("%s: /Count %d without children", e.Title, *it.count)
		}
	}
	if items[1].children != 1 {
		t.Errorf("« Chapitre deux » has %d children, want its section", items[1].children)
	}
}

// TestLinksOpenTheirTargets: the internal link opens its anchor's page
// and height, the external one its address.
func TestLinksOpenTheirTargets(t *testing.T) {
	_, ctx, res, opt := written(t)
	x := ctx.XRefTable
	page, _, _, err := x.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	annots, err := x.DereferenceArray(page["Annots"])
	if err != nil || len(annots) != 2 {
		t.Fatalf("page 1 has %d annotations (%v), want 2 links", len(annots), err)
	}
	var internal, external int
	for _, o := range annots {
		a, err := x.DereferenceDict(o)
		if err != nil {
			t.Fatal(err)
		}
		if dest, ok := a["Dest"]; ok {
			internal++
			at := res.Anchors["chap2"]
			if p := pageNumber(t, x, dest); p != at.Page {
				t.Errorf("internal link opens page %d, anchor on page %d", p, at.Page)
			}
			if got, want := top(t, dest), wantTop(opt.Geometry, at.Y); math.Abs(got-want) > 0.01 {
				t.Errorf("internal link opens at %.2f pt, anchor at %.2f", got, want)
			}
			continue
		}
		act, err := x.DereferenceDict(a["A"])
		if err != nil || act == nil {
			t.Fatalf("annotation %v: neither destination nor action", a)
		}
		uri, _ := act["URI"].(types.StringLiteral)
		if string(uri) != "https://example.org/cls" {
			t.Errorf("external link to %q", uri)
		}
		external++
	}
	if internal != 1 || external != 1 {
		t.Errorf("%d internal and %d external links, want 1 and 1", internal, external)
	}
}

// TestTextIsExtractable: the words drawn are in the page's content
// stream, as the UTF-16 text the fonts' ToUnicode maps give back.
func TestTextIsExtractable(t *testing.T) {
	_, ctx, res, _ := written(t)
	x := ctx.XRefTable
	for i, p := range res.Pages {
		d, _, _, err := x.PageDict(i+1, true)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(shownStrings(t, x, d), "|")
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && !strings.Contains(got, tx.Text) {
				t.Errorf("page %d: %q not in the content stream (%q)", i+1, tx.Text, got)
			}
		}
		res, err := x.DereferenceDict(d["Resources"])
		if err != nil {
			t.Fatal(err)
		}
		fonts, err := x.DereferenceDict(res["Font"])
		if err != nil || len(fonts) == 0 {
			t.Fatalf("page %d: no fonts in its resources", i+1)
		}
		for name, ref := range fonts {
			f, err := x.DereferenceDict(ref)
			if err != nil {
				t.Fatal(err)
			}
			if f["ToUnicode"] == nil {
				t.Errorf("page %d: font %s has no ToUnicode map: its text cannot be copied", i+1, name)
			}
		}
	}
}

// TestAttachmentsRoundTrip: the embedded files come out as they went in.
func TestAttachmentsRoundTrip(t *testing.T) {
	pdf, _, _, opt := written(t)
	got, err := api.ExtractAttachmentsRaw(bytes.NewReader(pdf), "", nil, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(opt.Attachments) {
		t.Fatalf("%d files embedded, want %d", len(got), len(opt.Attachments))
	}
	for i, a := range got {
		b, err := io.ReadAll(a)
		if err != nil {
			t.Fatal(err)
		}
		if a.FileName != opt.Attachments[i].Name || !bytes.Equal(b, opt.Attachments[i].Content) {
			t.Errorf("file %d: %q, %d bytes; want %q, %d bytes", i, a.FileName, len(b), opt.Attachments[i].Name, len(opt.Attachments[i].Content))
		}
	}
}

// shownStrings returns the strings a page's content stream shows (Tj),
// decoded from the UTF-16 fpdf writes for Unicode fonts.
func shownStrings(t *testing.T, x *model.XRefTable, page types.Dict) []string {
	t.Helper()
	sd, _, err := x.DereferenceStreamDict(page["Contents"])
	if err != nil || sd == nil {
		t.Fatalf("no content stream (%v)", err)
	}
	if err := sd.Decode(); err != nil {
		t.Fatal(err)
	}
	var out []string
	c := sd.Content
	for i := 0; i < len(c); i++ {
		if c[i] != '(' {
			continue
		}
		var raw []byte
		j := i + 1
		for ; j < len(c) && c[j] != ')'; j++ {
			if c[j] == '\\' && j+1 < len(c) {
				j++
				switch c[j] {
				case 'n':
					raw = append(raw, '\n')
				case 'r':
					raw = append(raw, '\r')
				default:
					raw = append(raw, c[j])
				}
				continue
			}
			raw = append(raw, c[j])
		}
		i = j
		if !bytes.HasPrefix(bytes.TrimLeft(c[j+1:min(j+6, len(c))], " "), []byte("Tj")) {
			continue
		}
		u := make([]uint16, len(raw)/2)
		for k := range u {
			u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return out
}
