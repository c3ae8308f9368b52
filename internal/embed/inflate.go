package embed

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// inflate returns the content of an embedded file stream, inflated here
// rather than by pdfcpu so that its size is bounded while it is read:
// at most MaxFileSize per file and what is left of MaxTotalSize. Only
// FlateDecode without parameters (what cls writes) or no filter at all is
// accepted.
func (w *walker) inflate(name string, sd *types.StreamDict) ([]byte, error) {
	quoted := "« " + textnorm.Escape(name) + " »"
	switch {
	case len(sd.FilterPipeline) == 0:
		if int64(len(sd.Raw)) > min(MaxFileSize, w.budget) {
			return nil, w.tooBig(quoted)
		}
		w.budget -= int64(len(sd.Raw))
		return sd.Raw, nil
	case len(sd.FilterPipeline) > 1 || sd.FilterPipeline[0].Name != "FlateDecode" || len(sd.FilterPipeline[0].DecodeParms) > 0:
		var names []string
		for _, f := range sd.FilterPipeline {
			names = append(names, f.Name)
		}
		return nil, fmt.Errorf("%sfichier joint %s : compression %s non prise en charge ; attendu FlateDecode, que cls emploie", prefix(w.where), quoted, textnorm.Escape(fmt.Sprint(names)))
	}
	// a first pass measures the inflated size without keeping it, so
	// that a bomb costs neither memory nor the time to clear it; the
	// second one fills a buffer of exactly that size
	limit := min(MaxFileSize, w.budget)
	n, err := inflated(sd.Raw, io.Discard, limit+1)
	if n > limit {
		return nil, w.tooBig(quoted)
	}
	if err != nil {
		return nil, fmt.Errorf("%sfichier joint %s endommagé : sa compression est illisible", prefix(w.where), quoted)
	}
	buf := bytes.NewBuffer(make([]byte, 0, n))
	if _, err := inflated(sd.Raw, buf, n); err != nil {
		return nil, fmt.Errorf("%sfichier joint %s endommagé : sa compression est illisible", prefix(w.where), quoted)
	}
	w.budget -= n
	return buf.Bytes(), nil
}

// inflated writes at most limit bytes of the zlib stream raw to dst and
// returns how many it wrote.
func inflated(raw []byte, dst io.Writer, limit int64) (int64, error) {
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	return io.Copy(dst, io.LimitReader(zr, limit))
}

// tooBig is the error for an attachment beyond the bounds: its own, or
// the total's.
func (w *walker) tooBig(quoted string) error {
	if w.budget < MaxFileSize {
		return fmt.Errorf("%sfichiers joints trop volumineux une fois décompressés (plus de %d Mo au total, atteint à %s) ; attendu les sources d'un contrat, quelques Mo au plus", prefix(w.where), mo(MaxTotalSize), quoted)
	}
	return fmt.Errorf("%sfichier joint %s trop volumineux une fois décompressé (plus de %d Mo) ; attendu les sources d'un contrat, quelques Mo au plus", prefix(w.where), quoted, mo(MaxFileSize))
}
