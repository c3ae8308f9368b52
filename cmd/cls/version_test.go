package main

import (
	"runtime"
	"testing"
)

func TestVersion(t *testing.T) {
	system := " (" + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
	for _, v := range []struct{ set, want string }{
		{"", "cls version de développement" + system},
		{"1.2.0", "cls 1.2.0" + system},
	} {
		version = v.set
		for _, args := range [][]string{{"--version"}, {"version"}} {
			code, out, errOut := runAll(t, args...)
			if code != 0 || out != v.want || errOut != "" {
				t.Errorf("version %q, %v: exit %d, stdout %q, stderr %q; want 0 and %q", v.set, args, code, out, errOut, v.want)
			}
		}
	}
	version = ""
}
