// Package embed carries a contract's sources inside its PDF: the workbooks,
// templates and configuration it was built from travel as embedded files,
// with a manifest, so that the contract can be rebuilt or compared from the
// PDF alone, years later.
package embed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
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

// Read returns the files embedded in a PDF.
func Read(pdf []byte) ([]File, error) {
	conf := pmodel.NewDefaultConfiguration()
	as, err := api.ExtractAttachmentsRaw(bytes.NewReader(pdf), "", nil, conf)
	if err != nil {
		return nil, fmt.Errorf("fichiers joints illisibles : %v", err)
	}
	var out []File
	for _, a := range as {
		b, err := io.ReadAll(a.Reader)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: a.FileName, Content: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
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

// Extract writes the files embedded in the PDF at pdfPath under dir. A
// file name that would land outside dir is refused.
func Extract(pdfPath, dir string) ([]File, error) {
	b, err := os.ReadFile(pdfPath)
	if err != nil {
		return nil, fmt.Errorf("%s : PDF introuvable", pdfPath)
	}
	files, err := Read(b)
	if err != nil {
		return nil, fmt.Errorf("%s : %v", pdfPath, err)
	}
	if _, ok := ManifestOf(files); !ok {
		return nil, fmt.Errorf("%s : ce PDF ne contient pas ses sources (il n'a pas été produit par cls, ou par une version qui ne les joignait pas)", pdfPath)
	}
	for _, f := range files {
		name := path.Clean(f.Name)
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, "\\") {
			return nil, fmt.Errorf("%s : fichier joint « %s » refusé : son nom sort du dossier de destination", pdfPath, f.Name)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			return nil, fmt.Errorf("%s : écriture impossible (%v)", p, err)
		}
	}
	return files, nil
}
