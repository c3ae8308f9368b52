package pdfwrite

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// embedFiles adds the attachments to the document as the objects fpdf
// would write for them — a compressed /EmbeddedFile stream whose /Params
// give the MD5 checksum and size of the file, a file specification naming
// it in /UF, and a flat name tree under the catalog's /Names — but
// compressed with the reused compressors (compress.go): fpdf allocated a
// new compressor for each of the sixty files of a contract. associate
// (associated.go) then makes them PDF/A-3 associated files.
//
// The name tree's keys are the files' positions, zero-padded so that
// their order as strings, which a name tree requires, is the files'
// order.
func embedFiles(x *model.XRefTable, files []Attachment, dc *Deflated) error {
	if len(files) == 0 {
		return nil
	}
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	names, err := x.DereferenceDict(root["Names"])
	if err != nil {
		return fmt.Errorf("dictionnaire des noms illisible")
	}
	if names == nil {
		names = types.Dict{}
		root["Names"] = names
	}
	width := len(fmt.Sprint(len(files)))
	leaves := make(types.Array, 0, 2*len(files))
	contents := make([][]byte, len(files))
	for i, f := range files {
		contents[i] = f.Content
	}
	compressed := dc.all(contents)
	for i, f := range files {
		sum := md5.Sum(f.Content)
		data := compressed[i]
		n := int64(len(data))
		stream := types.StreamDict{
			Dict: types.Dict{
				"Type":   types.Name("EmbeddedFile"),
				"Filter": types.Name("FlateDecode"),
				"Length": types.Integer(n),
				"Params": types.Dict{
					"CheckSum": types.HexLiteral(hex.EncodeToString(sum[:])),
					"Size":     types.Integer(len(f.Content)),
				},
			},
			Raw:            data,
			StreamLength:   &n,
			FilterPipeline: []types.PDFFilter{{Name: "FlateDecode"}},
		}
		sref, err := x.IndRefForNewObject(stream)
		if err != nil {
			return fmt.Errorf("ajout du fichier joint « %s » : %w", f.Name, err)
		}
		spec := types.Dict{
			"Type": types.Name("Filespec"),
			"F":    types.StringLiteral(""),
			"UF":   types.HexLiteral(hex.EncodeToString([]byte(utf16BE(f.Name)))),
			"EF":   types.Dict{"F": *sref},
		}
		ref, err := x.IndRefForNewObject(spec)
		if err != nil {
			return fmt.Errorf("ajout du fichier joint « %s » : %w", f.Name, err)
		}
		leaves = append(leaves, types.StringLiteral(fmt.Sprintf("%0*d", width, i+1)), *ref)
	}
	names["EmbeddedFiles"] = types.Dict{"Names": leaves}
	return nil
}
