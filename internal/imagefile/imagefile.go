// Package imagefile reads the images a contract embeds (the cover's logo)
// and checks them whole before the PDF writer sees them: fpdf trusts the
// file name for the format, panics on a truncated file and allocates what
// the header declares, so a small file declaring 100 000 × 100 000 pixels
// would exhaust memory.
package imagefile

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the formats fpdf embeds
	_ "image/png"
	"io/fs"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Limits on an image's declared size. A logo printed 70 mm wide needs
// about 800 pixels; these are far above, and bound the memory that
// decoding takes (about 100 MB at most).
const (
	MaxSide   = 10000
	MaxPixels = 25_000_000
)

// Image is a checked PNG or JPEG file.
type Image struct {
	Data          []byte
	Format        string // "png" or "jpeg", from the content
	Width, Height int    // pixels
}

// Read reads and decodes the image at path: a regular file of bounded
// size, a PNG or JPEG by its content, of bounded dimensions, complete.
// The error is in French, without the path.
func Read(path string) (*Image, error) {
	b, err := safefile.ReadFile(path, safefile.ImageLimit)
	if err != nil {
		if safefile.IsRefusal(err) {
			return nil, err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("image introuvable")
		}
		return nil, fmt.Errorf("image illisible : %s", safefile.Describe(err))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	switch {
	case err != nil || format != "png" && format != "jpeg":
		return nil, fmt.Errorf("ce fichier n'est pas une image PNG ou JPEG lisible")
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, fmt.Errorf("image vide (%d × %d pixels)", cfg.Width, cfg.Height)
	case cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxPixels:
		return nil, fmt.Errorf("image de %d × %d pixels, bien trop grande pour un logo (au plus %d pixels de côté et %d millions de pixels)",
			cfg.Width, cfg.Height, MaxSide, MaxPixels/1_000_000)
	}
	// decoded whole, so that a truncated or damaged file is found here
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		return nil, fmt.Errorf("image illisible (fichier tronqué ou endommagé)")
	}
	return &Image{Data: b, Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}
