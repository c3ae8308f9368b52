package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestZipBombIsRefused opens a workbook whose sheet unpacks to far more
// than any contract needs: the reader stops at its limit with a message,
// instead of filling the memory.
func TestZipBombIsRefused(t *testing.T) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sigles" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`))
	chunk := []byte(strings.Repeat(" ", 1<<20))
	for i := 0; i < 80; i++ { // 80 MB of spaces, a few kB compressed
		w.Write(chunk)
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	z.Close()
	if buf.Len() > 2<<20 {
		t.Fatalf("bomb is %d bytes compressed", buf.Len())
	}
	path := filepath.Join(t.TempDir(), "sigles.xlsx")
	os.WriteFile(path, buf.Bytes(), 0o644)
	var probs diag.List
	wb := openWorkbook(path, "sources/sigles.xlsx", nil, &probs)
	if wb != nil {
		defer wb.close()
		wb.sheet("Sigles", []string{"Sigle", "Définition"}, &probs)
	}
	if !probs.HasErrors() {
		t.Fatal("an 80 MB sheet was read without complaint")
	}
	if msg := probs.Error(); !strings.Contains(msg, "sources/sigles.xlsx : classeur refusé : il dépasse 64 Mo une fois décompressé") {
		t.Errorf("message does not name the file: %s", msg)
	}
}

// TestTooManyRowsIsRefused: a sheet of hundreds of thousands of rows
// (pasted by mistake, or made to exhaust the build) is one located error,
// read in a fraction of the time its layout would take.
func TestTooManyRowsIsRefused(t *testing.T) {
	rows := [][]string{{"Sigle", "Définition"}}
	for i := 0; i <= MaxRows; i++ {
		rows = append(rows, []string{fmt.Sprintf("S%05d", i), "définition"})
	}
	path := filepath.Join(t.TempDir(), "sigles.xlsx")
	sourcetest.WriteWorkbook(t, path, sourcetest.Sheet{Name: "Sigles", Rows: rows})
	var probs diag.List
	wb := openWorkbook(path, "sources/sigles.xlsx", nil, &probs)
	if wb == nil {
		t.Fatal(probs)
	}
	defer wb.close()
	if tb := wb.sheet("Sigles", []string{"Sigle", "Définition"}, &probs); tb != nil {
		t.Fatalf("%d rows read without complaint", tb.len())
	}
	want := fmt.Sprintf("erreur : sources/sigles.xlsx, feuille « Sigles » : feuille trop longue : plus de %d lignes remplies", MaxRows)
	if msg := probs.Error(); !strings.HasPrefix(msg, want) {
		t.Errorf("got %s\nwant %s…", msg, want)
	}
}
