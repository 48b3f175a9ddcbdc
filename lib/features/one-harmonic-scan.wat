;; Approximate one-harmonic generalised Lomb–Scargle reductions of one band, in float32 SIMD: the hot
;; loop of the coarse period scan (lib/features/approximate-one-harmonic-scan.ts drives it; the
;; binary is lib/features/one-harmonic-scan-wasm.ts, rebuilt by `npm run build:wasm`).
;;
;; Lanes are 4 consecutive frequencies. For each point i of the band the memory holds
;;   state  (32 bytes at state + 32 i): v128 cos θ_i, v128 sin θ_i at the 4 frequencies of the group,
;;          advanced in place by 4 frequency steps after each group;
;;   params (16 bytes at params + 16 i): f32 cos 4φ_i, sin 4φ_i (φ_i = 2π·Δf·t_i), w_i, w_i·y_i, with
;;          the weights normalised to Σw = 1 and y centred on the weighted mean.
;; For each group g it writes at out + 32 g: v128 χ² reduction / (Σw_raw) and v128 det (the
;; normalised 2×2 determinant, small where cos/sin are nearly collinear and float32 is not trusted).
(module
  (memory (export "memory") 1)
  (func (export "scan") (param $n i32) (param $groups i32) (param $state i32) (param $params i32) (param $out i32)
    (local $g i32) (local $i i32) (local $sp i32) (local $pp i32) (local $op i32)
    (local $c v128) (local $s v128) (local $rc v128) (local $rs v128) (local $w v128) (local $wy v128)
    (local $x v128) (local $z v128) (local $u v128)
    (local $C1 v128) (local $S1 v128) (local $C2 v128) (local $CS v128) (local $YC v128) (local $YS v128)
    (local $cc v128) (local $ss v128) (local $cs v128) (local $det v128)
    (local.set $op (local.get $out))
    (local.set $g (i32.const 0))
    (block $groupsDone
      (loop $groupLoop
        (br_if $groupsDone (i32.ge_u (local.get $g) (local.get $groups)))
        (local.set $C1 (v128.const f32x4 0 0 0 0))
        (local.set $S1 (v128.const f32x4 0 0 0 0))
        (local.set $C2 (v128.const f32x4 0 0 0 0))
        (local.set $CS (v128.const f32x4 0 0 0 0))
        (local.set $YC (v128.const f32x4 0 0 0 0))
        (local.set $YS (v128.const f32x4 0 0 0 0))
        (local.set $sp (local.get $state))
        (local.set $pp (local.get $params))
        (local.set $i (i32.const 0))
        (block $pointsDone
          (loop $pointLoop
            (br_if $pointsDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $c (v128.load (local.get $sp)))
            (local.set $s (v128.load offset=16 (local.get $sp)))
            (local.set $rc (v128.load32_splat (local.get $pp)))
            (local.set $rs (v128.load32_splat offset=4 (local.get $pp)))
            (local.set $w (v128.load32_splat offset=8 (local.get $pp)))
            (local.set $wy (v128.load32_splat offset=12 (local.get $pp)))
            ;; Σw cos θ, Σw sin θ, Σw cos 2θ, Σw sin θ cos θ, Σwy cos θ, Σwy sin θ
            (local.set $x (f32x4.mul (local.get $w) (local.get $c)))
            (local.set $z (f32x4.mul (local.get $w) (local.get $s)))
            (local.set $C1 (f32x4.add (local.get $C1) (local.get $x)))
            (local.set $S1 (f32x4.add (local.get $S1) (local.get $z)))
            (local.set $C2 (f32x4.add (local.get $C2)
              (f32x4.sub (f32x4.mul (local.get $x) (local.get $c)) (f32x4.mul (local.get $z) (local.get $s)))))
            (local.set $CS (f32x4.add (local.get $CS) (f32x4.mul (local.get $x) (local.get $s))))
            (local.set $YC (f32x4.add (local.get $YC) (f32x4.mul (local.get $wy) (local.get $c))))
            (local.set $YS (f32x4.add (local.get $YS) (f32x4.mul (local.get $wy) (local.get $s))))
            ;; rotate by 4 frequency steps
            (local.set $u (f32x4.sub (f32x4.mul (local.get $c) (local.get $rc)) (f32x4.mul (local.get $s) (local.get $rs))))
            (v128.store offset=16 (local.get $sp)
              (f32x4.add (f32x4.mul (local.get $s) (local.get $rc)) (f32x4.mul (local.get $c) (local.get $rs))))
            (v128.store (local.get $sp) (local.get $u))
            (local.set $sp (i32.add (local.get $sp) (i32.const 32)))
            (local.set $pp (i32.add (local.get $pp) (i32.const 16)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $pointLoop)))
        ;; cc = ½(1 + C2) − C1², ss = ½(1 − C2) − S1², cs = CS − C1·S1, det = cc·ss − cs²,
        ;; reduction = (ss·YC² + cc·YS² − 2·cs·YC·YS) / det
        (local.set $cc (f32x4.sub
          (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $C2)))
          (f32x4.mul (local.get $C1) (local.get $C1))))
        (local.set $ss (f32x4.sub
          (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $C2)))
          (f32x4.mul (local.get $S1) (local.get $S1))))
        (local.set $cs (f32x4.sub (local.get $CS) (f32x4.mul (local.get $C1) (local.get $S1))))
        (local.set $det (f32x4.sub (f32x4.mul (local.get $cc) (local.get $ss)) (f32x4.mul (local.get $cs) (local.get $cs))))
        (v128.store (local.get $op)
          (f32x4.div
            (f32x4.sub
              (f32x4.add
                (f32x4.mul (local.get $ss) (f32x4.mul (local.get $YC) (local.get $YC)))
                (f32x4.mul (local.get $cc) (f32x4.mul (local.get $YS) (local.get $YS))))
              (f32x4.mul (f32x4.add (local.get $cs) (local.get $cs)) (f32x4.mul (local.get $YC) (local.get $YS))))
            (local.get $det)))
        (v128.store offset=16 (local.get $op) (local.get $det))
        (local.set $op (i32.add (local.get $op) (i32.const 32)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $groupLoop)))))
