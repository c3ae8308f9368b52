package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"unicode/utf8"
)

// File systems take names of at most 255 bytes. The files written beside
// an output are named after it with a few more bytes (".NAME.lock",
// ".NAME.cls-DIGITS.tmp", "NAME-VERSION-HASH.pdf"): for a long NAME, a
// shortened form keeps them within the limit and still distinct.
const maxStem = 120

// maxName is the longest file name, in bytes, file systems take.
const maxName = 255

// stem is the base name of out as the names of its lock and temporary
// files use it: whole when short, else its start and a hash of it.
func stem(out string) string {
	base := filepath.Base(out)
	if len(base) <= maxStem {
		return base
	}
	sum := sha256.Sum256([]byte(base))
	return cut(base, maxStem-17) + "-" + hex.EncodeToString(sum[:8])
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
