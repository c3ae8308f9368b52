package pdfwrite

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/layout"
)

// A signatory office signs in Acrobat or a parapheur électronique, which
// sign into signature fields: signatureFields puts one unsigned field
// over each box that the layout drew on the signature page, named after
// who signs in it. The fields draw nothing (an empty appearance), so the
// printed page is the same with them or without.

// signatureFields adds the AcroForm and one signature widget per box.
func signatureFields(x *model.XRefTable, pages []types.IndirectRef, g layout.Geometry, boxes []layout.SignatureBox) error {
	if len(boxes) == 0 {
		return nil
	}
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	k := 72 / 25.4
	pt := func(mm float64) types.Float { return types.Float(math.Round(mm*k*100) / 100) }
	var fields types.Array
	for i, name := range fieldNames(boxes) {
		b := boxes[i]
		if b.Page < 1 || b.Page > len(pages) {
			return fmt.Errorf("case de signature en page %d, hors du document (%d pages)", b.Page, len(pages))
		}
		page, err := x.DereferenceDict(pages[b.Page-1])
		if err != nil || page == nil {
			return fmt.Errorf("page %d illisible", b.Page)
		}
		rect := types.Array{pt(b.X), pt(g.PageH - b.Y - b.H), pt(b.X + b.W), pt(g.PageH - b.Y)}
		round := func(f types.Float) types.Float { return types.Float(math.Round(float64(f)*100) / 100) }
		w, h := round(rect[2].(types.Float)-rect[0].(types.Float)), round(rect[3].(types.Float)-rect[1].(types.Float))
		ap, err := newStream(x, types.Dict{
			"Type":    types.Name("XObject"),
			"Subtype": types.Name("Form"),
			"BBox":    types.Array{types.Integer(0), types.Integer(0), w, h},
		}, []byte{})
		if err != nil {
			return err
		}
		ref, err := x.IndRefForNewObject(types.Dict{
			"Type":    types.Name("Annot"),
			"Subtype": types.Name("Widget"),
			"FT":      types.Name("Sig"),
			"T":       types.HexLiteral(hex.EncodeToString([]byte(utf16BE(name)))),
			"Rect":    rect,
			"P":       pages[b.Page-1],
			"F":       types.Integer(4),
			"AP":      types.Dict{"N": *ap},
		})
		if err != nil {
			return fmt.Errorf("ajout d'un champ de signature : %w", err)
		}
		annots, err := x.DereferenceArray(page["Annots"])
		if err != nil {
			return fmt.Errorf("page %d : annotations illisibles", b.Page)
		}
		annots = append(annots, *ref)
		if r, ok := page["Annots"].(types.IndirectRef); ok {
			e, ok := x.FindTableEntryForIndRef(&r)
			if !ok || e == nil {
				return fmt.Errorf("page %d : annotations illisibles", b.Page)
			}
			e.Object = annots
		} else {
			page["Annots"] = annots
		}
		fields = append(fields, *ref)
	}
	root["AcroForm"] = types.Dict{"Fields": fields}
	return nil
}

// fieldNames names each box's field after its signer, uniquely (a form's
// field names must be): a second « Signature – Maire » is « Signature –
// Maire (2) ». A period separates the parts of a field's full name, so
// one in a signer's name is written as the one-dot leader, which looks
// the same.
func fieldNames(boxes []layout.SignatureBox) []string {
	seen := map[string]int{}
	names := make([]string, len(boxes))
	for i, b := range boxes {
		base := strings.ReplaceAll(b.Field, ".", "\u2024")
		name := base
		for n := 2; seen[name] > 0; n++ {
			name = base + " (" + strconv.Itoa(n) + ")"
		}
		seen[name]++
		names[i] = name
	}
	return names
}
