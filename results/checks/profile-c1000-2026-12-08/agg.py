import sys,collections
tot=0; thr=collections.Counter(); leaf=collections.Counter(); incl=collections.Counter()
for f in sys.argv[1:]:
  for line in open(f):
    st,_,n=line.rstrip().rpartition(' '); n=int(n); tot+=n
    fr=st.split(';')
    thr[fr[0][:40]]+=n
    leaf[fr[-1][:110]]+=n
    for x in set(fr): incl[x[:110]]+=n
print('total',tot)
print('--threads'); [print('%5.1f%% %s'%(100*v/tot,k)) for k,v in thr.most_common(12)]
print('--leaf'); [print('%5.1f%% %s'%(100*v/tot,k)) for k,v in leaf.most_common(40)]
print('--incl'); [print('%5.1f%% %s'%(100*v/tot,k)) for k,v in incl.most_common(60)]
