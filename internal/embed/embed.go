// Package embed carries a contract's sources inside its PDF: the workbooks,
// templates and configuration it was built from travel as embedded files,
// with a manifest, so that the contract can be rebuilt or compared from the
// PDF alone, years later.
package embed

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// ManifestName is the embedded file describing the others.
const ManifestName = "cls-manifeste.json"

// File is a file carried by the PDF, named by its slash-separated path
// relative to the territory folder (the folder of cls.yaml).
type File struct {
	Name    string
	Content []byte
}

// Manifest describes what a contract was built from.
type Manifest struct {
	Version string            `json:"version"`  // "Version initiale signée le …"
	Files   map[string]string `json:"fichiers"` // name → SHA-256
	Fonts   map[string]string `json:"polices"`  // font file → SHA-256, to rebuild with the same fonts
}

// Sum returns the hex SHA-256 of b.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Bundle returns the files to embed, sorted, with the manifest last.
func Bundle(files []File, version string, fonts map[string][]byte) ([]File, error) {
	out := append([]File(nil), files...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	m := Manifest{Version: version, Files: map[string]string{}, Fonts: map[string]string{}}
	for _, f := range out {
		m.Files[f.Name] = Sum(f.Content)
	}
	for name, b := range fonts {
		m.Fonts[name] = Sum(b)
	}
	js, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, File{Name: ManifestName, Content: append(js, '\n')}), nil
}

// ManifestOf returns the manifest among embedded files.
func ManifestOf(files []File) (*Manifest, bool) {
	for _, f := range files {
		if f.Name == ManifestName {
			var m Manifest
			if json.Unmarshal(f.Content, &m) == nil {
				return &m, true
			}
		}
	}
	return nil, false
}
