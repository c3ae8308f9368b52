package main

import (
	"bufio"
	"fmt"
	"io"
)

// waitForEnter asks for Entrée and waits for it, or for the end of in.
func waitForEnter(in io.Reader, out io.Writer) {
	fmt.Fprint(out, "\nAppuyez sur Entrée pour fermer cette fenêtre.")
	bufio.NewReader(in).ReadString('\n')
}
