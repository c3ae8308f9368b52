package source

import (
	"os"
	"testing"
)

// cleanups run once every test of the package has run: the folders the
// tests share (LibreOffice's conversions) are removed.
var cleanups []func()

func TestMain(m *testing.M) {
	code := m.Run()
	for _, f := range cleanups {
		f()
	}
	os.Exit(code)
}
