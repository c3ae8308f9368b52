package embed

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// stored is an attachment as the PDF stores it: its name and its bytes,
// deflated or not, then its inflated size and SHA-256 once measured.
type stored struct {
	name  string
	raw   []byte
	flate bool
	size  int64
	sum   string
}

// quoted is the attachment's name for messages, escaped.
func (s *stored) quoted() string { return "« " + textnorm.Escape(s.name) + " »" }

// storedFrom takes an embedded file stream as it is stored, refusing
// filters other than FlateDecode without parameters (what cls writes):
// the content is inflated here rather than by pdfcpu so that its size is
// bounded while it is read.
func storedFrom(where, name string, sd *types.StreamDict) (stored, error) {
	s := stored{name: name, raw: sd.Raw}
	switch {
	case len(sd.FilterPipeline) == 0:
	case len(sd.FilterPipeline) == 1 && sd.FilterPipeline[0].Name == "FlateDecode" && len(sd.FilterPipeline[0].DecodeParms) == 0:
		s.flate = true
	default:
		var names []string
		for _, f := range sd.FilterPipeline {
			names = append(names, f.Name)
		}
		return s, fmt.Errorf("%sfichier joint %s : compression %s non prise en charge ; attendu FlateDecode, que cls emploie", prefix(where), s.quoted(), textnorm.Escape(fmt.Sprint(names)))
	}
	return s, nil
}

// measure inflates every attachment once without keeping it, to learn its
// size and SHA-256: a bomb is refused before any memory is spent on it,
// and the manifest is checked before any content is kept. Each file may
// inflate to MaxFileSize, all of them to MaxTotalSize.
func measure(where string, files []stored) error {
	budget := int64(MaxTotalSize)
	for i := range files {
		s := &files[i]
		limit := min(MaxFileSize, budget)
		h := sha256.New()
		n, err := s.inflate(h, limit+1)
		if n > limit {
			if limit < MaxFileSize {
				return fmt.Errorf("%sfichiers joints trop volumineux une fois décompressés (plus de %d Mo au total, atteint à %s) ; attendu les sources d'un contrat, quelques Mo au plus", prefix(where), mo(MaxTotalSize), s.quoted())
			}
			return fmt.Errorf("%sfichier joint %s trop volumineux une fois décompressé (plus de %d Mo) ; attendu les sources d'un contrat, quelques Mo au plus", prefix(where), s.quoted(), mo(MaxFileSize))
		}
		if err != nil {
			return fmt.Errorf("%sfichier joint %s endommagé : sa compression est illisible", prefix(where), s.quoted())
		}
		s.size, s.sum = n, hex.EncodeToString(h.Sum(nil))
		budget -= n
	}
	return nil
}

// content inflates a measured attachment into a buffer of its size.
func (s *stored) content() ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, s.size))
	if _, err := s.inflate(buf, s.size); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// inflate writes at most limit bytes of the attachment's content to dst
// and returns how many it wrote.
func (s *stored) inflate(dst io.Writer, limit int64) (int64, error) {
	if !s.flate {
		return io.Copy(dst, io.LimitReader(bytes.NewReader(s.raw), limit))
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.raw))
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	return io.Copy(dst, io.LimitReader(zr, limit))
}
