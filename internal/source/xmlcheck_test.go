package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"testing"
)

// shippedParts returns the XML parts of the shipped workbooks.
func shippedParts(t testing.TB) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "sources", "*.xlsx"))
	more, _ := filepath.Glob(filepath.Join("..", "..", "sources", "evaluation", "*.xlsx"))
	parts := map[string][]byte{}
	for _, f := range append(files, more...) {
		z, err := zip.OpenReader(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range z.File {
			if !isXMLPart(p.Name) {
				continue
			}
			r, _ := p.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			parts[filepath.Base(f)+":"+p.Name] = b
		}
		z.Close()
	}
	if len(parts) == 0 {
		t.Fatal("no shipped workbook")
	}
	return parts
}

// decodes reports whether encoding/xml, as excelize uses it, reads b to
// the end without error.
func decodes(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// hasElement reports whether b holds at least one element.
func hasElement(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := d.Token()
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.StartElement); ok {
			return true
		}
	}
}

// TestShippedWorkbooksTakeTheFastPath: what Excel and LibreOffice write is
// proven well-formed by the byte scan, without encoding/xml's cost.
func TestShippedWorkbooksTakeTheFastPath(t *testing.T) {
	for name, b := range shippedParts(t) {
		if !quickWellFormed(b) {
			t.Errorf("%s: not proven well-formed by the fast path", name)
		}
	}
}

// TestFastPathNeverAcceptsBrokenXML damages every shipped part at many
// places, in the ways files get damaged (cut short, a byte changed, a
// byte removed): whenever the fast path says "well-formed", encoding/xml
// must agree, and checkXML must agree with encoding/xml.
func TestFastPathNeverAcceptsBrokenXML(t *testing.T) {
	edits := []func(b []byte, i int) []byte{
		func(b []byte, i int) []byte { return b[:i] },
		func(b []byte, i int) []byte { return append(append(append([]byte{}, b[:i]...), '<'), b[i+1:]...) },
		func(b []byte, i int) []byte { return append(append(append([]byte{}, b[:i]...), '&'), b[i+1:]...) },
		func(b []byte, i int) []byte { return append(append(append([]byte{}, b[:i]...), '"'), b[i+1:]...) },
		func(b []byte, i int) []byte { return append(append(append([]byte{}, b[:i]...), 0x01), b[i+1:]...) },
		func(b []byte, i int) []byte { return append(append(append([]byte{}, b[:i]...), 0xff), b[i+1:]...) },
		func(b []byte, i int) []byte { return append(append([]byte{}, b[:i]...), b[i+1:]...) },
	}
	n := 0
	for name, b := range shippedParts(t) {
		if len(b) > 4096 {
			continue // the small parts have every construct; the big ones cost time
		}
		step := max(1, len(b)/7)
		for i := 0; i < len(b); i += step {
			for k, edit := range edits {
				m := edit(b, i)
				ok := decodes(m)
				if quickWellFormed(m) && !ok {
					t.Fatalf("%s, edit %d at %d: fast path accepts XML that encoding/xml refuses", name, k, i)
				}
				// checkXML is stricter in one way: a part without any
				// element (cut right after its declaration) has lost its
				// content, and is damaged
				if (checkXML(m, nil) == nil) != (ok && hasElement(m)) {
					t.Fatalf("%s, edit %d at %d: checkXML says %v, encoding/xml %v", name, k, i, checkXML(m, nil), ok)
				}
				n++
			}
		}
	}
	t.Logf("%d damaged parts checked", n)
}

func TestQuickWellFormedCases(t *testing.T) {
	for in, want := range map[string]bool{
		`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a x="1" y='2'><b/>t&amp;&#233;&#xE9;</a>`: true,
		`<a><b></a></b>`:    false,
		`<a>`:               false,
		`<a></a><b></b>`:    false,
		`<a x=1></a>`:       false,
		`<a>&nbsp;</a>`:     false,
		`<a>&#1;</a>`:       false,
		`<a><!-- c --></a>`: false, // valid, but left to encoding/xml
		"<a>\x01</a>":       false,
		`<a x="<"></a>`:     false,
		`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`: false,
	} {
		if got := quickWellFormed([]byte(in)); got != want {
			t.Errorf("quickWellFormed(%q) = %v, want %v", in, got, want)
		}
	}
	if err := checkXML([]byte(`<a><!-- c --></a>`), nil); err != nil {
		t.Errorf("a comment: %v", err)
	}
	if err := checkXML([]byte(`<a><row r="7"><c></row></a>`), nil); err == nil || err.Row != 7 || err.Line != 1 {
		t.Errorf("a broken row: %+v", err)
	}
}

// FuzzQuickWellFormed: the fast path never proves well-formed what
// encoding/xml refuses.
func FuzzQuickWellFormed(f *testing.F) {
	for _, s := range []string{`<?xml version="1.0" encoding="UTF-8"?><a x="1"><b/>t&amp;&#233;</a>`, `<a><row r="2"><c r="A2" t="s"><v>0</v></c></row></a>`, `<a x='&quot;'>&lt;&gt;</a>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if quickWellFormed(b) && !decodes(b) {
			t.Fatalf("fast path accepts %q", b)
		}
	})
}
