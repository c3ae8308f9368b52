package embed

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// appendUpdate appends an incremental update to pdf, as a signing tool
// does: objs (number → body) and a cross-reference section chained to
// the previous one by /Prev.
func appendUpdate(t *testing.T, pdf []byte, objs map[int]string) []byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(pdf)
	size := regexp.MustCompile(`/Size (\d+)`).FindAllSubmatch(pdf, -1)
	if m == nil || size == nil {
		t.Fatal("not a PDF ending with a cross-reference section")
	}
	n, _ := strconv.Atoi(string(size[len(size)-1][1]))
	b := bytes.NewBuffer(append([]byte(nil), pdf...))
	offsets := map[int]int{}
	for num := 1; num < n+len(objs)+1; num++ {
		if body, ok := objs[num]; ok {
			offsets[num] = b.Len()
			fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", num, body)
			n = max(n, num+1)
		}
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for num := 1; num < n; num++ {
		if o, ok := offsets[num]; ok {
			fmt.Fprintf(b, "%d 1\n%010d 00000 n \n", num, o)
		}
	}
	fmt.Fprintf(b, "trailer\n<< /Size %d /Root 1 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", n, m[1], xref)
	return b.Bytes()
}

func TestRevisions(t *testing.T) {
	pdf := makePDF(bundle(t, goodFiles()...), "")
	if got := Revisions(pdf); len(got) != 1 || got[0] != len(pdf) {
		t.Fatalf("one revision: %v, want [%d]", got, len(pdf))
	}
	signed := appendUpdate(t, pdf, map[int]string{4: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [] >>"})
	if got := Revisions(signed); len(got) != 2 || got[0] != len(pdf) || got[1] != len(signed) {
		t.Fatalf("signed copy: %v, want [%d %d]", got, len(pdf), len(signed))
	}
	if !bytes.Equal(Original(signed), pdf) {
		t.Error("Original is not the build's bytes")
	}
	// the marker quoted in a file, or after a linearized first page, is
	// no revision
	quoted := makePDF(bundle(t, File{Name: "cls.yaml", Content: []byte("startxref\n12\n%%EOF\n")}), "")
	quoted = bytes.Replace(quoted, []byte("/Type /Catalog"), []byte("/Type /Catalog %startxref\n0\n%%EOF\n"), 1)
	if got := Revisions(quoted); len(got) != 1 {
		t.Errorf("quoted markers: %v, want one revision", got)
	}
}

// A signed copy's sources are those the build carried, what was signed,
// even when an update replaced the attachments.
func TestReadSignedCopyReadsTheOriginal(t *testing.T) {
	pdf := makePDF(bundle(t, goodFiles()...), "")
	other := makePDF(bundle(t, File{Name: "cls.yaml", Content: []byte("territoire:\n  nom: Autre\n")}), "")
	// the update points the catalog at a name tree of files it adds
	n := regexp.MustCompile(`/Size (\d+)`).FindSubmatch(pdf)
	first, _ := strconv.Atoi(string(n[1]))
	spec := regexp.MustCompile(`(?s)(\d+) 0 obj\n(<< /Type /Filespec.*?>> >>)\nendobj`).FindAllSubmatch(other, -1)
	stream := regexp.MustCompile(`(?s)(\d+) 0 obj\n(<< /Type /EmbeddedFile.*?endstream)\nendobj`).FindAllSubmatch(other, -1)
	objs := map[int]string{}
	var names string
	for i := range spec {
		s, f := first+2*i, first+2*i+1
		objs[s] = string(regexp.MustCompile(`/F \d+ 0 R`).ReplaceAll(spec[i][2], []byte(fmt.Sprintf("/F %d 0 R", f))))
		objs[f] = string(stream[i][2])
		names += fmt.Sprintf("(A%d) %d 0 R ", i, s)
	}
	objs[3] = "<< /Names [" + names + "] >>"
	signed := appendUpdate(t, pdf, objs)
	// the test's update does change the attachments, as the last
	// revision shows them
	last, err := attachments("", signed)
	if err != nil || len(last) != 2 {
		t.Fatalf("last revision: %d attachments (%v), want the update's 2", len(last), err)
	}
	files, err := Read(signed)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(goodFiles())+1 {
		t.Errorf("%d files read from the signed copy, want the build's %d", len(files), len(goodFiles())+1)
	}
}
