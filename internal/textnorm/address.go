package textnorm

import "strings"

// MayHoldAddress reports whether text holds "://" or "www." in any case.
// Every web address the checks and the composition look for does, so a
// text without either has none, and their regular expressions (most of
// their cost) need not run on it.
func MayHoldAddress(text string) bool {
	if strings.Contains(text, "://") {
		return true
	}
	for i := strings.IndexByte(text, '.'); i >= 0; {
		if i >= 3 && text[i-3]|0x20 == 'w' && text[i-2]|0x20 == 'w' && text[i-1]|0x20 == 'w' {
			return true
		}
		j := strings.IndexByte(text[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}
