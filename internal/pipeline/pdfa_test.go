package pipeline

import (
	"bytes"
	"html"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// The PDF/A-3 clauses of issue 14, checked on what cls writes: the
// contract, an avenant and an evaluation annex. Each is read back with
// pdfcpu and checked as an archivist's validator and a signatory's
// software would read it.

// pdfaFile is a PDF read back for the checks.
type pdfaFile struct {
	t    *testing.T
	name string
	x    *pmodel.XRefTable
	root types.Dict
}

func readPDFA(t *testing.T, name string, pdf []byte) *pdfaFile {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), pmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	root, err := ctx.XRefTable.Catalog()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &pdfaFile{t: t, name: name, x: ctx.XRefTable, root: root}
}

func (f *pdfaFile) dict(o types.Object) types.Dict {
	f.t.Helper()
	d, err := f.x.DereferenceDict(o)
	if err != nil {
		f.t.Fatalf("%s: %v", f.name, err)
	}
	return d
}

// text decodes a PDF text string (UTF-16 after its byte order mark).
func (f *pdfaFile) text(o types.Object) string {
	f.t.Helper()
	o, err := f.x.Dereference(o)
	if err != nil {
		f.t.Fatalf("%s: %v", f.name, err)
	}
	s, err := types.StringOrHexLiteral(o)
	if err != nil || s == nil {
		f.t.Fatalf("%s: %v is not a string", f.name, o)
	}
	return *s
}

func (f *pdfaFile) stream(o types.Object) *types.StreamDict {
	f.t.Helper()
	sd, _, err := f.x.DereferenceStreamDict(o)
	if err != nil || sd == nil {
		f.t.Fatalf("%s: %v is not a stream (%v)", f.name, o, err)
	}
	if err := sd.Decode(); err != nil {
		f.t.Fatalf("%s: %v", f.name, err)
	}
	return sd
}

// checkID: the trailer's /ID is two equal 16-byte strings.
func (f *pdfaFile) checkID() string {
	f.t.Helper()
	if len(f.x.ID) != 2 {
		f.t.Fatalf("%s: trailer /ID %v, want two strings", f.name, f.x.ID)
	}
	a, _ := f.x.ID[0].(types.HexLiteral)
	b, _ := f.x.ID[1].(types.HexLiteral)
	if len(a) != 32 || a != b {
		f.t.Errorf("%s: trailer /ID %v, want two equal 16-byte strings", f.name, f.x.ID)
	}
	return string(a)
}

var xmpTag = regexp.MustCompile(`(?s)<([a-zA-Z]+:[a-zA-Z]+)>(?:<rdf:(?:Alt|Seq)><rdf:li[^>]*>)?([^<]*)<`)

// checkXMP: the catalog's /Metadata is an uncompressed XML stream that
// identifies PDF/A-3 U and says what the Info dictionary says.
func (f *pdfaFile) checkXMP() {
	f.t.Helper()
	sd := f.stream(f.root["Metadata"])
	if sd.Type() == nil || *sd.Type() != "Metadata" || sd.Subtype() == nil || *sd.Subtype() != "XML" || sd.Dict["Filter"] != nil {
		f.t.Fatalf("%s: /Metadata %v, want an uncompressed /Type /Metadata /Subtype /XML stream", f.name, sd.Dict)
	}
	got := map[string]string{}
	for _, m := range xmpTag.FindAllStringSubmatch(string(sd.Content), -1) {
		got[m[1]] = html.UnescapeString(m[2])
	}
	if got["pdfaid:part"] != "3" || got["pdfaid:conformance"] != "U" {
		f.t.Errorf("%s: XMP identifies PDF/A part %q conformance %q, want 3 U", f.name, got["pdfaid:part"], got["pdfaid:conformance"])
	}
	if f.x.Info == nil {
		f.t.Fatalf("%s: no Info dictionary", f.name)
	}
	info := f.dict(*f.x.Info)
	for key, tag := range map[string]string{"Title": "dc:title", "Author": "dc:creator", "Subject": "dc:description", "Keywords": "pdf:Keywords", "Producer": "pdf:Producer", "Creator": "xmp:CreatorTool"} {
		if info[key] == nil {
			if got[tag] != "" {
				f.t.Errorf("%s: XMP %s %q, Info has no /%s", f.name, tag, got[tag], key)
			}
			continue
		}
		if want := f.text(info[key]); got[tag] != want {
			f.t.Errorf("%s: XMP %s %q, Info /%s %q", f.name, tag, got[tag], key, want)
		}
	}
	for key, tags := range map[string][]string{"CreationDate": {"xmp:CreateDate"}, "ModDate": {"xmp:ModifyDate", "xmp:MetadataDate"}} {
		d, err := time.Parse("D:20060102150405-07'00'", f.text(info[key]))
		if err != nil {
			f.t.Errorf("%s: Info /%s: %v", f.name, key, err)
			continue
		}
		for _, tag := range tags {
			x, err := time.Parse(time.RFC3339, got[tag])
			if err != nil || !x.Equal(d) || !strings.HasSuffix(got[tag], "+00:00") {
				f.t.Errorf("%s: XMP %s %q, Info /%s %s", f.name, tag, got[tag], key, d)
			}
		}
	}
}

// checkOutputIntent: one GTS_PDFA1 intent with an embedded RGB ICC profile.
func (f *pdfaFile) checkOutputIntent() {
	f.t.Helper()
	arr, err := f.x.DereferenceArray(f.root["OutputIntents"])
	if err != nil || len(arr) != 1 {
		f.t.Fatalf("%s: /OutputIntents %v, want one", f.name, f.root["OutputIntents"])
	}
	oi := f.dict(arr[0])
	if s := oi.NameEntry("S"); s == nil || *s != "GTS_PDFA1" || f.text(oi["OutputConditionIdentifier"]) != "sRGB IEC61966-2.1" {
		f.t.Errorf("%s: output intent %v", f.name, oi)
	}
	icc := f.stream(oi["DestOutputProfile"])
	if n := icc.IntEntry("N"); n == nil || *n != 3 {
		f.t.Errorf("%s: ICC profile /N %v, want 3", f.name, icc.Dict["N"])
	}
	if len(icc.Content) < 128 || string(icc.Content[36:40]) != "acsp" || string(icc.Content[16:20]) != "RGB " {
		f.t.Errorf("%s: the output intent's profile is not an RGB ICC profile", f.name)
	}
}

// annotations returns every page's annotations, by page (1-based).
func (f *pdfaFile) annotations() map[int][]types.Dict {
	f.t.Helper()
	out := map[int][]types.Dict{}
	for p := 1; p <= f.x.PageCount; p++ {
		page, _, _, err := f.x.PageDict(p, false)
		if err != nil {
			f.t.Fatal(err)
		}
		arr, err := f.x.DereferenceArray(page["Annots"])
		if err != nil {
			f.t.Fatal(err)
		}
		for _, o := range arr {
			out[p] = append(out[p], f.dict(o))
		}
	}
	return out
}

// checkPrintFlags: every annotation prints (/F bit 3, value 4).
func (f *pdfaFile) checkPrintFlags() {
	f.t.Helper()
	for p, as := range f.annotations() {
		for _, a := range as {
			if fl := a.IntEntry("F"); fl == nil || *fl&4 == 0 {
				f.t.Errorf("%s: page %d: annotation %v without the Print flag", f.name, p, a)
			}
		}
	}
}

// checkAssociatedFiles: /AF lists every embedded file's filespec, each
// with its relationship, MIME type, size and date.
func (f *pdfaFile) checkAssociatedFiles() {
	f.t.Helper()
	var specs []types.IndirectRef
	if names := f.dict(f.root["Names"]); names != nil {
		if tree := f.dict(names["EmbeddedFiles"]); tree != nil {
			leaves, _ := f.x.DereferenceArray(tree["Names"])
			for i := 1; i < len(leaves); i += 2 {
				specs = append(specs, leaves[i].(types.IndirectRef))
			}
		}
	}
	af, _ := f.x.DereferenceArray(f.root["AF"])
	if len(af) != len(specs) {
		f.t.Fatalf("%s: /AF lists %d files, %d embedded", f.name, len(af), len(specs))
	}
	for i, ref := range specs {
		if af[i] != ref {
			f.t.Errorf("%s: /AF[%d] %v, filespec %v", f.name, i, af[i], ref)
		}
		spec := f.dict(ref)
		name := f.text(spec["UF"])
		want := "Source"
		if path.Base(name) == "cls-manifeste.json" {
			want = "Data"
		}
		if r := spec.NameEntry("AFRelationship"); r == nil || *r != want {
			f.t.Errorf("%s: %s: /AFRelationship %v, want /%s", f.name, name, spec["AFRelationship"], want)
		}
		if fs := f.text(spec["F"]); fs == "" {
			f.t.Errorf("%s: %s: empty /F", f.name, name)
		}
		ef := f.dict(spec["EF"])
		sd := f.stream(ef["F"])
		mime := ""
		if st := sd.Subtype(); st != nil {
			mime = *st
		}
		wantMime := map[string]string{".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".md": "text/markdown", ".yaml": "application/yaml", ".json": "application/json"}[path.Ext(name)]
		if mime == "" || (wantMime != "" && mime != wantMime) {
			f.t.Errorf("%s: %s: MIME type %q, want %q", f.name, name, mime, wantMime)
		}
		params := f.dict(sd.Dict["Params"])
		if size := params.IntEntry("Size"); size == nil || *size != len(sd.Content) {
			f.t.Errorf("%s: %s: /Params /Size %v, content %d bytes", f.name, name, params["Size"], len(sd.Content))
		}
		if _, err := time.Parse("D:20060102150405-07'00'", f.text(params["ModDate"])); err != nil {
			f.t.Errorf("%s: %s: /Params /ModDate: %v", f.name, name, err)
		}
	}
}

// checkNothingForbidden: no encryption, no JavaScript, no LZW.
func (f *pdfaFile) checkNothingForbidden() {
	f.t.Helper()
	if f.x.Encrypt != nil {
		f.t.Errorf("%s: encrypted", f.name)
	}
	for _, bad := range []string{"/JavaScript", "/JS ", "/LZWDecode", "/Encrypt"} {
		// the objects are serialized uncompressed; streams' data may hold
		// any bytes, so look only at dictionaries' keys and values
		for n, e := range f.x.Table {
			if e == nil || e.Object == nil {
				continue
			}
			var d types.Dict
			switch v := e.Object.(type) {
			case types.Dict:
				d = v
			case types.StreamDict:
				d = v.Dict
			default:
				continue
			}
			if strings.Contains(d.PDFString()+" ", bad) {
				f.t.Errorf("%s: object %d has %s", f.name, n, bad)
			}
		}
	}
}

// checkSignatureFields: one /Sig field per box of the layout, over it
// exactly, on its page, named uniquely after its signer, in the form.
func (f *pdfaFile) checkSignatureFields(boxes []layout.SignatureBox, g layout.Geometry) []string {
	f.t.Helper()
	var fields types.Array
	if len(boxes) > 0 || f.root["AcroForm"] != nil {
		form := f.dict(f.root["AcroForm"])
		fields, _ = f.x.DereferenceArray(form["Fields"])
	}
	if len(fields) != len(boxes) {
		f.t.Fatalf("%s: %d signature fields, %d signature boxes", f.name, len(fields), len(boxes))
	}
	annots := f.annotations()
	seen := map[string]bool{}
	var names []string
	k := 72 / 25.4
	for i, o := range fields {
		w := f.dict(o)
		b := boxes[i]
		name := f.text(w["T"])
		names = append(names, name)
		if ft := w.NameEntry("FT"); ft == nil || *ft != "Sig" || w.Subtype() == nil || *w.Subtype() != "Widget" {
			f.t.Errorf("%s: field %q is not a signature widget: %v", f.name, name, w)
		}
		if seen[name] || name != "Signature – "+b.Signer {
			f.t.Errorf("%s: field %d named %q, want unique « Signature – %s »", f.name, i+1, name, b.Signer)
		}
		seen[name] = true
		rect, _ := f.x.DereferenceArray(w["Rect"])
		want := []float64{b.X * k, (g.PageH - b.Y - b.H) * k, (b.X + b.W) * k, (g.PageH - b.Y) * k}
		for j := range want {
			var v float64
			switch n := rect[j].(type) {
			case types.Float:
				v = float64(n)
			case types.Integer:
				v = float64(n)
			}
			if math.Abs(v-want[j]) > 0.01 {
				f.t.Errorf("%s: field %q /Rect %v, box %v", f.name, name, rect, want)
				break
			}
		}
		_, pageRef, _, _ := f.x.PageDict(b.Page, false)
		if p, ok := w["P"].(types.IndirectRef); !ok || pageRef == nil || p != *pageRef {
			f.t.Errorf("%s: field %q /P %v, box on page %d", f.name, name, w["P"], b.Page)
		}
		onPage := false
		for _, a := range annots[b.Page] {
			if a.Subtype() != nil && *a.Subtype() == "Widget" && f.text(a["T"]) == name {
				onPage = true
			}
		}
		if !onPage {
			f.t.Errorf("%s: field %q not among page %d's annotations", f.name, name, b.Page)
		}
		// an appearance that draws nothing
		ap := f.dict(w["AP"])
		if n := f.stream(ap["N"]); len(bytes.TrimSpace(n.Content)) != 0 {
			f.t.Errorf("%s: field %q draws %q", f.name, name, n.Content)
		}
	}
	return names
}

// checkPDFA runs every clause on pdf and returns its /ID and the names of
// its signature fields.
func checkPDFA(t *testing.T, name string, pdf []byte, lay *layout.Result, g layout.Geometry) (string, []string) {
	t.Helper()
	f := readPDFA(t, name, pdf)
	if v := f.x.Version(); v != pmodel.V17 {
		t.Errorf("%s: PDF %s, want 1.7 (PDF/A-3's base)", name, f.x.VersionString())
	}
	id := f.checkID()
	f.checkXMP()
	f.checkOutputIntent()
	f.checkPrintFlags()
	f.checkAssociatedFiles()
	f.checkNothingForbidden()
	names := f.checkSignatureFields(lay.Signatures, g)
	if err := api.Validate(bytes.NewReader(pdf), pmodel.NewDefaultConfiguration()); err != nil {
		t.Errorf("%s: pdfcpu validation (relaxed): %v", name, err)
	}
	qpdfCheck(t, name, pdf)
	return id, names
}

// qpdfCheck runs qpdf --check when qpdf is installed.
func qpdfCheck(t *testing.T, name string, pdf []byte) {
	t.Helper()
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		return
	}
	file := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(qpdf, "--check", file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
	}
}

func TestContractIsPDFA3(t *testing.T) {
	res := real(t)
	id, names := checkPDFA(t, "contrat", res.PDF, res.Layout, geometry(res.Config))
	// the two signataires and the comité de pilotage's members, each in
	// their own box on the signature page
	people := 0
	for _, b := range res.Document.Blocks {
		if sp, ok := b.(doc.SignaturePage); ok {
			for _, g := range sp.Groups {
				people += len(g.People)
			}
		}
	}
	if people < 3 || len(names) != people {
		t.Fatalf("%d signature fields for %d people on the signature page: %q", len(names), people, names)
	}
	for _, want := range []string{"Signature – Préfet du département du Calvados", "Signature – Le Président de la Communauté d'Agglomération Lisieux Normandie"} {
		if !strings.Contains(strings.Join(names, "\n")+"\n", want+"\n") {
			t.Errorf("no field %q among %q", want, names)
		}
	}
	if id == "" {
		t.Error("no /ID")
	}
}

func TestAvenantIsPDFA3(t *testing.T) {
	fontsDir := filepath.Join("..", "..", "fonts")
	base := t.TempDir()
	cfg := amendable(revisionArticle).Write(t, filepath.Join(base, "t"), fontsDir)
	res, err := Avenant(Options{Config: cfg}, 1, "", filepath.Join(base, "a.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	_, names := checkPDFA(t, "avenant", res.PDF, res.Layout, geometry(res.Config))
	if len(names) == 0 {
		t.Error("the avenant's signature page has no signature field")
	}
}

func TestEvaluationAnnexIsPDFA3(t *testing.T) {
	dir := t.TempDir()
	cfg := sourcetest.Example().Write(t, dir, filepath.Join("..", "..", "fonts"))
	writeYear(t, cfg, 2027, func(*excelize.File) {})
	res, err := Evaluation(Options{Config: cfg}, 2027, filepath.Join(dir, "annexe.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	checkPDFA(t, "annexe", res.PDF, res.Layout, geometry(res.Config))
}
