package frnum

import "testing"

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want string
	}{
		{72812, 0, "72\u202f812"},
		{84.2, 1, "84,2"},
		{1234567.5, 2, "1\u202f234\u202f567,50"},
		{-0.01, 1, "0,0"},
		{-1500, 0, "-1\u202f500"},
	} {
		if got := Format(c.v, c.d); got != c.want {
			t.Errorf("Format(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
}

func TestRound(t *testing.T) {
	for _, c := range []struct {
		v         float64
		d         int
		int, frac string
	}{
		{2.675, 2, "2", "68"},
		{0.142, 1, "0", "1"},
		{9.96, 1, "10", "0"},
		{99.5, 0, "100", ""},
		{-14.25, 1, "14", "3"},
		{12, 2, "12", "00"},
		{1e21, 0, "1000000000000000000000", ""},
	} {
		i, f := Round(c.v, c.d)
		if i != c.int || f != c.frac {
			t.Errorf("Round(%v, %d) = %q, %q; want %q, %q", c.v, c.d, i, f, c.int, c.frac)
		}
	}
}
