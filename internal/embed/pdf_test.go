package embed

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// attachment is an embedded file as the test PDF writer lays it out: its
// name, the stream's bytes as stored, and its filter ("" for none).
type attachment struct {
	name   string
	raw    []byte
	filter string
}

// deflated is content compressed as cls stores it.
func deflated(name string, content []byte) attachment {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write(content)
	w.Close()
	return attachment{name: name, raw: b.Bytes(), filter: "/FlateDecode"}
}

// bundle is a set of files with a manifest as cls writes it, each file
// deflated.
func bundle(t testing.TB, files ...File) []attachment {
	t.Helper()
	all, err := Bundle(files, "Version initiale signée le 10 juillet 2025", map[string][]byte{"Carlito-Regular.ttf": []byte("font")})
	if err != nil {
		t.Fatal(err)
	}
	var out []attachment
	for _, f := range all {
		out = append(out, deflated(f.Name, f.Content))
	}
	return out
}

// goodFiles are the kinds of file cls embeds.
func goodFiles() []File {
	return []File{
		{Name: "cls.yaml", Content: []byte("territoire:\n  nom: Test\n")},
		{Name: "sources/contrat.xlsx", Content: []byte("PK contrat")},
		{Name: "sources/fiches.xlsx", Content: []byte("PK fiches")},
		{Name: "templates/01-preambule.md", Content: []byte("# Préambule\n")},
		{Name: "templates/fiches/FA1.1.md", Content: []byte("Texte de la fiche.\n")},
		{Name: "images/logo.png", Content: []byte("\x89PNG")},
	}
}

// pdfString writes s as a PDF text string: UTF-16BE with its BOM, in hex,
// so that any character (escape sequences included) goes through.
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return "<" + b.String() + ">"
}

// makePDF writes a one-page PDF carrying the attachments in an
// EmbeddedFiles name tree, with a correct cross-reference table, as fpdf
// lays out cls's PDFs. tree, when set, replaces the name tree object
// (object 3) to test hostile structures.
func makePDF(as []attachment, tree string) []byte {
	var objs []string
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>")
	objs = append(objs, "<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
	var names []string
	for i := range as {
		names = append(names, fmt.Sprintf("(Attachement%d) %d 0 R", i+1, 5+2*i))
	}
	if tree == "" {
		tree = "<< /Names [" + strings.Join(names, " ") + "] >>"
	}
	objs = append(objs, tree)
	objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	for i, a := range as {
		objs = append(objs, fmt.Sprintf("<< /Type /Filespec /F () /UF %s /EF << /F %d 0 R >> >>", pdfString(a.name), 6+2*i))
		filter := ""
		if a.filter != "" {
			filter = " /Filter " + a.filter
		}
		objs = append(objs, fmt.Sprintf("<< /Type /EmbeddedFile /Length %d%s >>\nstream\n%s\nendstream", len(a.raw), filter, a.raw))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// bomb is a zlib stream that inflates to size zero bytes (a multiple of
// 1 MiB) from about size/1000 bytes: one compressed MiB of zeros repeated,
// which is valid once the window is full of zeros.
func bomb(t testing.TB, size int) []byte {
	t.Helper()
	var seg bytes.Buffer
	w, _ := flate.NewWriter(&seg, flate.BestCompression)
	zero := make([]byte, 1<<20)
	w.Write(zero)
	w.Flush()
	first := append([]byte(nil), seg.Bytes()...)
	seg.Reset()
	w.Write(zero)
	w.Flush()
	again := append([]byte(nil), seg.Bytes()...)
	seg.Reset()
	w.Write(zero)
	w.Flush()
	if !bytes.Equal(again, seg.Bytes()) {
		t.Fatal("compressed MiB of zeros not repeatable")
	}
	var b bytes.Buffer
	b.Write([]byte{0x78, 0xda})
	b.Write(first)
	for i := 1; i < size>>20; i++ {
		b.Write(again)
	}
	b.Write([]byte{0x03, 0x00}) // final empty fixed block
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], uint32(size%65521)<<16|1) // Adler-32 of zeros
	b.Write(sum[:])
	return b.Bytes()
}

// TestBombIsValid checks the bomb helper itself on a small size: it
// inflates to exactly its zeros.
func TestBombIsValid(t *testing.T) {
	z, err := zlib.NewReader(bytes.NewReader(bomb(t, 3<<20)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(z); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 3<<20 || bytes.Count(b.Bytes(), []byte{0}) != b.Len() {
		t.Fatalf("bomb inflates to %d bytes", b.Len())
	}
}
