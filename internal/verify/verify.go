// Package verify checks a contract PDF after it left cls, typically a
// signed copy: signing appends incremental updates, so the copy's SHA-256
// is not the build's. The build's bytes are still there, a prefix of the
// copy ending at one of its revisions (see embed.Revisions); verify finds
// which prefix has the build's SHA-256, lists the signature fields as the
// PDF states them, and checks the sources the build carried against their
// manifest. Certificates are not checked: that is the parapheur's job.
package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Report is what Check found in one PDF.
type Report struct {
	// Size is the copy's length in bytes, Revisions the end of each of
	// its revisions (one for a build, one more per signature).
	Size      int
	Revisions []int
	// Expected are the builds' SHA-256 looked for (see Lookup); Matched
	// the one found, Original the number (from 1) of the revision whose
	// prefix has it, 0 when none has.
	Expected []Expected
	Matched  Expected
	Original int
	// OriginalSize is the length of the build's bytes in the copy; 0
	// when no prefix matched.
	OriginalSize int
	// Signatures are the copy's signature fields, signed or not, in the
	// order of its form.
	Signatures []Signature
	// FieldsErr says why the form could not be read; nil when it was (a
	// PDF without a form has no fields).
	FieldsErr error
	// Version and Sources come from the build's manifest, read from the
	// original prefix; SourcesErr says why they could not be (a source
	// changed, a manifest missing…). NoSources is a PDF without any
	// attached file, as cls writes avenants and evaluation annexes.
	Version    string
	Sources    int
	SourcesErr error
	NoSources  bool
}

// OK reports whether the build is intact in the copy and its sources
// match their manifest: what cls verifier exits 0 for.
func (r *Report) OK() bool {
	return r.Original > 0 && r.SourcesErr == nil
}

// Check examines pdf, named where in messages, against the SHA-256 of
// the builds it may derive from. Only a PDF too large or unreadable
// to examine at all gives an error; everything else is in the report.
func Check(where string, pdf []byte, expected []Expected) (*Report, error) {
	if len(pdf) > embed.MaxPDFSize {
		_, err := embed.Parse(where, pdf)
		return nil, err
	}
	if !bytes.Contains(pdf[:min(len(pdf), 1024)], []byte("%PDF-")) {
		return nil, fmt.Errorf("%s : ce n'est pas un PDF (il ne commence pas par « %%PDF- ») ; attendu la copie du contrat à vérifier", where)
	}
	r := &Report{Size: len(pdf), Revisions: embed.Revisions(pdf), Expected: expected}
	r.Original, r.OriginalSize, r.Matched = matching(pdf, r.Revisions, expected)
	original := pdf
	if r.Original > 0 {
		original = pdf[:r.OriginalSize]
	} else if len(r.Revisions) > 0 {
		original = pdf[:r.Revisions[0]]
	}
	r.Signatures, r.FieldsErr = signatures(where, pdf, r.Revisions)
	files, err := embed.Read(original)
	if errors.Is(err, embed.ErrNoSources) {
		// an avenant or an annex: cls attached nothing, and the
		// SHA-256 of the build vouches for that
		r.NoSources = true
	} else if err != nil {
		r.SourcesErr = err
	} else if m, ok := embed.ManifestOf(files); ok {
		r.Version, r.Sources = m.Version, len(files)-1
	}
	return r, nil
}

// matching returns the number (from 1) of the first revision whose
// prefix of pdf has one of the SHA-256 expected, the prefix's length and
// which SHA-256 it has; zeros when none has. Each prefix is tried with
// and without the line end after its %%EOF (the next update may have
// brought it). One pass: the hash of each prefix is taken on the way.
func matching(pdf []byte, ends []int, expected []Expected) (int, int, Expected) {
	h := sha256.New()
	from := 0
	for i, end := range ends {
		bare := end
		for bare > from && (pdf[bare-1] == '\n' || pdf[bare-1] == '\r') {
			bare--
		}
		for _, to := range []int{bare, end} {
			h.Write(pdf[from:to])
			from = to
			sum := hex.EncodeToString(h.Sum(nil))
			for _, e := range expected {
				if e.Sum == sum {
					return i + 1, to, e
				}
			}
		}
	}
	return 0, 0, Expected{}
}

// ReadFile reads the PDF at path within embed.MaxPDFSize, with a French
// error naming it.
func ReadFile(path string) ([]byte, error) {
	b, err := safefile.ReadFile(path, embed.MaxPDFSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s : PDF introuvable ; attendu la copie du contrat à vérifier", textnorm.Escape(path))
	}
	if err != nil {
		return nil, fmt.Errorf("%s : PDF illisible (%s) ; attendu la copie du contrat à vérifier", textnorm.Escape(path), safefile.Cause(err))
	}
	return b, nil
}
