package pdfwrite

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/layout"
)

// The end-to-end PDF/A checks are in internal/pipeline (pdfa_test.go),
// on the contract, an avenant and an evaluation annex; these cover the
// writer's own decisions.

// The file identifier comes from the content: the same document gets the
// same one, another document another.
func TestIDFollowsContent(t *testing.T) {
	id := func(title string) types.Array {
		res, opt := sample(t)
		opt.Meta.Title = title
		pdf, err := Write(res, opt)
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
		if err != nil {
			t.Fatal(err)
		}
		return ctx.ID
	}
	a, b, c := id("Contrat"), id("Contrat"), id("Contrat modifié")
	if len(a) != 2 || a[0] != a[1] || len(a[0].(types.HexLiteral)) != 32 {
		t.Fatalf("/ID %v, want two equal 16-byte strings", a)
	}
	if a[0] != b[0] {
		t.Errorf("same document, /ID %v then %v", a, b)
	}
	if a[0] == c[0] {
		t.Errorf("two titles, one /ID %v", a)
	}
}

// The XMP says what the Info dictionary says, characters XML reserves
// escaped, so that the packet parses.
func TestXMPEscapes(t *testing.T) {
	res, opt := sample(t)
	opt.Meta.Title = `Santé & <prévention> « CLS »`
	pdf, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(pdf, []byte("<dc:title>"))
	if i < 0 {
		t.Fatal("no dc:title in the XMP")
	}
	got := string(pdf[i : i+bytes.Index(pdf[i:], []byte("</dc:title>"))])
	if !strings.Contains(got, "Santé &amp; &lt;prévention&gt; « CLS »") {
		t.Errorf("dc:title written %q", got)
	}
}

// Two boxes for the same signer get two fields, and a period (which
// separates a field's name parts) does not split the name.
func TestFieldNamesUnique(t *testing.T) {
	got := fieldNames([]layout.SignatureBox{{Field: "Signature – Maire"}, {Field: "Signature – Maire"}, {Field: "Signature – M. Dupont"}, {Field: "Signature – Maire (2)"}})
	want := []string{"Signature – Maire", "Signature – Maire (2)", "Signature – M\u2024 Dupont", "Signature – Maire (2) (2)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("field names %q, want %q", got, want)
	}
}

// A signature field lies over its box, on its page, prints, and draws
// nothing; pages without a box keep only their links.
func TestSignatureFieldOverItsBox(t *testing.T) {
	res, opt := sample(t)
	res.Signatures = []layout.SignatureBox{{Page: 2, X: 20, Y: 200, W: 80, H: 30, Signer: "Préfet du Calvados", Field: "Signature – Préfet du Calvados"}}
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
	x := ctx.XRefTable
	page, _, _, err := x.PageDict(2, false)
	if err != nil {
		t.Fatal(err)
	}
	annots, _ := x.DereferenceArray(page["Annots"])
	if len(annots) != 1 {
		t.Fatalf("page 2 has %d annotations, want the field", len(annots))
	}
	w, _ := x.DereferenceDict(annots[0])
	name, _ := types.StringOrHexLiteral(w["T"])
	if name == nil || *name != "Signature – Préfet du Calvados" || w.NameEntry("FT") == nil || *w.NameEntry("FT") != "Sig" || *w.IntEntry("F") != 4 {
		t.Errorf("field %v", w)
	}
	rect, _ := x.DereferenceArray(w["Rect"])
	k := 72 / 25.4
	want := []float64{20 * k, (opt.Geometry.PageH - 230) * k, 100 * k, (opt.Geometry.PageH - 200) * k}
	for i, o := range rect {
		if v := float64(o.(types.Float)); v-want[i] > 0.01 || want[i]-v > 0.01 {
			t.Errorf("/Rect %v, want %v", rect, want)
			break
		}
	}
	root, _ := x.Catalog()
	form, _ := x.DereferenceDict(root["AcroForm"])
	fields, _ := x.DereferenceArray(form["Fields"])
	if len(fields) != 1 || fields[0] != annots[0] {
		t.Errorf("/AcroForm /Fields %v, want the page's widget %v", fields, annots[0])
	}
	if err := api.Validate(bytes.NewReader(pdf), model.NewDefaultConfiguration()); err != nil {
		t.Errorf("pdfcpu validation: %v", err)
	}
}

// A box beyond the document is the writer's internal error, not a field
// on no page.
func TestSignatureFieldOutsideRefused(t *testing.T) {
	res, opt := sample(t)
	res.Signatures = []layout.SignatureBox{{Page: 9, W: 10, H: 10, Signer: "X", Field: "Signature – X"}}
	if _, err := Write(res, opt); err == nil || !strings.Contains(err.Error(), "page 9") {
		t.Errorf("box on page 9 of 3: %v", err)
	}
}

// Each embedded file says what it is to the document.
func TestAssociatedFiles(t *testing.T) {
	res, opt := sample(t)
	opt.Attachments = append(opt.Attachments, Attachment{Name: "cls-manifeste.json", Content: []byte("{}")}, Attachment{Name: "templates/01-préambule (v2).md", Content: []byte("# T")})
	pdf, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	x := ctx.XRefTable
	root, _ := x.Catalog()
	af, _ := x.DereferenceArray(root["AF"])
	if len(af) != 4 {
		t.Fatalf("/AF %v, want the 4 files", af)
	}
	want := map[string][3]string{
		"cls.yaml":                       {"Source", "application/yaml", "cls.yaml"},
		"sources/contrat.xlsx":           {"Source", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "sources/contrat.xlsx"},
		"cls-manifeste.json":             {"Data", "application/json", "cls-manifeste.json"},
		"templates/01-préambule (v2).md": {"Source", "text/markdown", "templates/01-pr_ambule _v2_.md"},
	}
	for _, o := range af {
		spec, _ := x.DereferenceDict(o)
		uf, _ := types.StringOrHexLiteral(spec["UF"])
		f, _ := types.StringOrHexLiteral(spec["F"])
		w, ok := want[*uf]
		if !ok {
			t.Errorf("unexpected file %q", *uf)
			continue
		}
		ef, _ := x.DereferenceDict(spec["EF"])
		sd, _, _ := x.DereferenceStreamDict(ef["F"])
		params, _ := x.DereferenceDict(sd.Dict["Params"])
		date, _ := types.StringOrHexLiteral(params["ModDate"])
		if rel := spec.NameEntry("AFRelationship"); rel == nil || *rel != w[0] || *sd.Subtype() != w[1] || *f != w[2] || date == nil || *date != "D:20240305000000+00'00'" {
			t.Errorf("%s: /AFRelationship %v /Subtype %v /F %q /ModDate %v, want %q", *uf, spec["AFRelationship"], sd.Dict["Subtype"], *f, params["ModDate"], w)
		}
	}
}
