package pdfwrite

import (
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// manifestName is the embedded manifest, the one carried file that is
// data about the document rather than one of its sources.
const manifestName = "cls-manifeste.json"

// mimeTypes gives the MIME type of the embedded files by extension; any
// other is application/octet-stream.
var mimeTypes = map[string]string{
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".fods": "application/vnd.oasis.opendocument.spreadsheet",
	".md":   "text/markdown",
	".yaml": "application/yaml",
	".yml":  "application/yaml",
	".json": "application/json",
	".csv":  "text/csv",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".svg":  "image/svg+xml",
	".ttf":  "font/ttf",
	".otf":  "font/otf",
}

// associate makes the embedded files PDF/A-3 associated files: each
// filespec says how its file relates to the document (/Source for what
// the contract was built from, /Data for the manifest) and carries a
// file name in /F as well as /UF; each file stream says its MIME type,
// size and date; the catalog lists them all in /AF.
func associate(x *model.XRefTable, root types.Dict, date time.Time) error {
	names, err := x.DereferenceDict(root["Names"])
	if err != nil || names == nil {
		return nil // no embedded file
	}
	tree, err := x.DereferenceDict(names["EmbeddedFiles"])
	if err != nil || tree == nil {
		return nil
	}
	// fpdf writes one flat name tree: [name ref name ref …]
	leaves, err := x.DereferenceArray(tree["Names"])
	if err != nil || len(leaves)%2 != 0 {
		return fmt.Errorf("fichiers joints mal listés")
	}
	var af types.Array
	for i := 1; i < len(leaves); i += 2 {
		ref, ok := leaves[i].(types.IndirectRef)
		if !ok {
			return fmt.Errorf("fichier joint %d non référencé", i/2+1)
		}
		spec, err := x.DereferenceDict(ref)
		if err != nil || spec == nil {
			return fmt.Errorf("fichier joint %d illisible", i/2+1)
		}
		name, err := types.StringOrHexLiteral(spec["UF"])
		if err != nil || name == nil {
			return fmt.Errorf("fichier joint %d sans nom", i/2+1)
		}
		spec["F"] = types.StringLiteral(asciiName(*name))
		rel := "Source"
		if path.Base(*name) == manifestName {
			rel = "Data"
		}
		spec["AFRelationship"] = types.Name(rel)
		ef, err := x.DereferenceDict(spec["EF"])
		if err != nil || ef == nil {
			return fmt.Errorf("fichier joint « %s » sans contenu", *name)
		}
		fref, ok := ef["F"].(types.IndirectRef)
		if !ok {
			return fmt.Errorf("fichier joint « %s » sans contenu", *name)
		}
		e, ok := x.FindTableEntryForIndRef(&fref)
		if !ok || e == nil {
			return fmt.Errorf("fichier joint « %s » sans contenu", *name)
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok {
			return fmt.Errorf("fichier joint « %s » : flux attendu", *name)
		}
		mime := mimeTypes[strings.ToLower(path.Ext(*name))]
		if mime == "" {
			mime = "application/octet-stream"
		}
		sd.Dict["Subtype"] = types.Name(mime)
		params, _ := sd.Dict["Params"].(types.Dict)
		if params == nil {
			params = types.Dict{}
		}
		params["ModDate"] = pdfDate(date)
		sd.Dict["Params"] = params
		e.Object = sd
		af = append(af, ref)
	}
	root["AF"] = af
	return nil
}

// asciiName is a file name for /F, the field older readers show: the
// name's ASCII characters, any other as « _ », parentheses and
// backslashes too so that the literal string needs no escape.
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '(' || r == ')' || r == '\\' {
			r = '_'
		}
		b.WriteRune(r)
	}
	return b.String()
}
