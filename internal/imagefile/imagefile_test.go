package imagefile

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
)

// TestFormatByContent: a JPEG named .png is read as the JPEG it is; fpdf,
// trusting the name, would have failed on it.
func TestFormatByContent(t *testing.T) {
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 30, 10)), nil)
	path := filepath.Join(t.TempDir(), "logo.png")
	os.WriteFile(path, b.Bytes(), 0o644)
	img, err := Read(path)
	if err != nil || img.Format != "jpeg" || img.Width != 30 || img.Height != 10 {
		t.Fatalf("%+v, %v", img, err)
	}
	os.WriteFile(path, nil, 0o644)
	if _, err := Read(path); err == nil || err.Error() != "ce fichier n'est pas une image PNG ou JPEG lisible" {
		t.Errorf("empty: %v", err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "absent.png")); err == nil || err.Error() != "image introuvable" {
		t.Errorf("missing: %v", err)
	}
}
