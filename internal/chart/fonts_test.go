package chart

import (
	"os"
	"strings"
	"testing"
)

// TestParseFontsDamaged: truncated or garbled faces give an error, never a
// panic.
func TestParseFontsDamaged(t *testing.T) {
	good, err := os.ReadFile("../../fonts/Carlito-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	garbled := append([]byte(nil), good...)
	for i := 12; i < len(garbled); i += 7 {
		garbled[i] ^= 0x5a
	}
	for name, b := range map[string][]byte{
		"empty": nil, "magic": {0, 1, 0, 0}, "1000 bytes": good[:1000], "half": good[:len(good)/2], "garbled": garbled,
	} {
		if _, err := ParseFonts(b, good); err == nil || !strings.HasPrefix(err.Error(), "police illisible pour les graphiques") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ParseFonts(good, good); err != nil {
		t.Error(err)
	}
}
