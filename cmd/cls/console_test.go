package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestWaitForEnter: the window's last words, and an end of input (no
// keyboard) ends the wait rather than hanging.
func TestWaitForEnter(t *testing.T) {
	for _, in := range []string{"\n", "", "oui\n"} {
		var out bytes.Buffer
		waitForEnter(strings.NewReader(in), &out)
		if out.String() != "\nAppuyez sur Entrée pour fermer cette fenêtre." {
			t.Errorf("input %q: asked %q", in, out.String())
		}
	}
}
